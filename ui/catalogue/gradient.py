"""The gradient page (4.4): partial derivatives, the -∇f field and gradient descent."""
TEXT = {
    "gradient.intro": {
        "en": "The **gradient** of f(x0, x1) is the vector of its partial derivatives, "
              "$\\nabla f = \\left(\\frac{\\partial f}{\\partial x_0}, \\frac{\\partial f}{\\partial x_1}\\right)$. "
              "It points where f *increases* fastest, so **−∇f points where f decreases fastest**: the "
              "arrows on the map draw −∇f, as the book's figure 4-9 does. At a minimum, a maximum or a "
              "saddle point the gradient is zero. **Gradient descent** repeats "
              "$x \\leftarrow x - \\eta\\, \\nabla f(x)$, with the learning rate η (`lr`), and so walks "
              "downhill. Every gradient here is numerical: central differences with h = 1e-4.",
        "zh": "函数 f(x0, x1) 的**梯度**是由全部变量的偏导数汇总而成的向量 "
              "$\\nabla f = \\left(\\frac{\\partial f}{\\partial x_0}, \\frac{\\partial f}{\\partial x_1}\\right)$。"
              "它指向 f *增大*最快的方向，所以 **−∇f 指向 f 减小最快的方向**：和书中图 4-9 一样，"
              "图上的箭头画的是 −∇f。在最小值、最大值和鞍点处，梯度为 0。**梯度下降法**反复执行 "
              "$x \\leftarrow x - \\eta\\, \\nabla f(x)$（η 是学习率 `lr`），一步步往低处走。"
              "本页所有梯度都用数值微分求得：h = 1e-4 的中心差分。"},
    "gradient.function": {"en": "The function", "zh": "函数"},
    "gradient.formula": {"en": "f(x0, x1) =", "zh": "f(x0, x1) ="},
    "gradient.examples": {"en": "Examples (each also sets a start point, lr, steps and view that suit it):",
                          "zh": "示例（同时设置适合它的起点、学习率、步数和视图范围）："},
    "gradient.preset.bowl": {"en": "x0² + x1² (the book)", "zh": "x0² + x1²（书中）"},
    "gradient.preset.saddle": {"en": "Saddle x0² − x1²", "zh": "鞍点 x0² − x1²"},
    "gradient.preset.valley": {"en": "Long valley x0²/20 + x1²", "zh": "狭长山谷 x0²/20 + x1²"},
    "gradient.preset.rosenbrock": {"en": "Rosenbrock's banana", "zh": "Rosenbrock 香蕉函数"},
    "gradient.preset_help.bowl": {
        "en": "The book's function_2, started at (−3, 4) with lr 0.1 for 100 steps: it converges to (0, 0).",
        "zh": "书中的 function_2，从 (−3, 4) 出发，学习率 0.1，100 步：收敛到 (0, 0)。"},
    "gradient.preset_help.saddle": {
        "en": "Started almost on the ridge: the path runs to the saddle point (0, 0), where the gradient "
              "is nearly zero, lingers there, then slides away along x1. A zero gradient is not always a minimum.",
        "zh": "从几乎正好在山脊上的点出发：路径先走向梯度几乎为 0 的鞍点 (0, 0)，在那里徘徊，然后沿 x1 方向滑走。"
              "梯度为 0 的地方不一定是最小值。"},
    "gradient.preset_help.valley": {
        "en": "The function of the book's chapter 6, from (−7, 2) with lr 0.95 for 30 steps: the gradient "
              "points across the valley rather than along it, so plain gradient descent zig-zags.",
        "zh": "书中第 6 章的函数，从 (−7, 2) 出发，学习率 0.95，30 步：梯度指向山谷的横向而不是沿着山谷，"
              "所以朴素的梯度下降会走“之”字形。"},
    "gradient.preset_help.rosenbrock": {
        "en": "(1 − x0)² + 100 (x1 − x0²)², minimum at (1, 1) in a long curved valley. It needs a small lr "
              "(0.002): the walls are steep, the valley floor is almost flat, and progress along it is slow.",
        "zh": "(1 − x0)² + 100 (x1 − x0²)²，最小值 (1, 1) 位于一条弯曲的长山谷里。需要很小的学习率（0.002）："
              "谷壁很陡，谷底几乎是平的，沿着谷底前进得很慢。"},
    "gradient.formula_error": {"en": "This formula cannot be used: {message}",
                               "zh": "无法使用这个公式：{message}"},
    "gradient.formula_kept": {"en": "Still showing the last valid formula: f(x0, x1) = `{formula}`",
                              "zh": "仍显示上一个有效的公式：f(x0, x1) = `{formula}`"},
    "gradient.map": {"en": "f and its gradient field", "zh": "f 与它的梯度场"},
    "gradient.map_caption": {
        "en": "Colours: f (darker = larger); thin lines: contour lines, where f is constant. Dark arrows: "
              "−∇f, pointing downhill and crossing the contour lines at right angles ({arrows}). Red: the "
              "gradient descent path from ○ (start) to ◆ (end). Purple square: the point of “Gradient at a "
              "point”, with the direction of −∇f there.",
        "zh": "颜色表示 f 的值（越深越大）；细线是等高线（f 取常数值的线）。深色箭头是 −∇f：指向下坡方向，"
              "并与等高线垂直相交（{arrows}）。红色：梯度下降的路径，从 ○（起点）到 ◆（终点）。"
              "紫色方块：“某一点的梯度”中所选的点，以及该点 −∇f 的方向。"},
    "gradient.arrows_scaled": {"en": "length proportional to |∇f|, the longest in view one grid cell",
                               "zh": "长度与 |∇f| 成正比，视图内最长的箭头为一格"},
    "gradient.arrows_same": {"en": "all the same length: direction only",
                             "zh": "所有箭头等长：只表示方向"},
    "gradient.chart_alt": {
        "en": "Map of f(x0, x1) = {formula} over −{r} ≤ x0, x1 ≤ {r}, with contour lines, arrows of −∇f "
              "and the gradient descent path.",
        "zh": "f(x0, x1) = {formula} 在 −{r} ≤ x0, x1 ≤ {r} 上的图，含等高线、−∇f 箭头和梯度下降路径。"},
    "gradient.blank_cells": {"en": "Blank cells: f is not a finite number there.",
                             "zh": "空白的格子：f 在那里不是有限的数。"},
    "gradient.nothing_finite": {"en": "f is not a finite number anywhere in this view.",
                                "zh": "在这个视图范围内，f 处处都不是有限的数。"},
    "gradient.flat": {"en": "f is constant in this view: the gradient is zero everywhere, so there are no arrows.",
                      "zh": "f 在这个视图内是常数：梯度处处为 0，所以没有箭头。"},
    "gradient.view": {"en": "View: −R ≤ x0, x1 ≤ R", "zh": "视图范围：−R ≤ x0, x1 ≤ R"},
    "gradient.same_length": {"en": "Arrows of equal length", "zh": "箭头等长"},
    "gradient.same_length_help": {
        "en": "Off: an arrow's length grows with |∇f|, so arrows shrink towards a minimum. On: every arrow "
              "has the same length — useful when |∇f| varies a lot, as on Rosenbrock's function.",
        "zh": "关闭：箭头长度随 |∇f| 增大，越靠近最小值箭头越短。打开：所有箭头等长——"
              "当 |∇f| 变化很大（如 Rosenbrock 函数）时更清楚。"},
    "gradient.point": {"en": "Gradient at a point", "zh": "某一点的梯度"},
    "gradient.point_x0": {"en": "Point x0", "zh": "点的 x0"},
    "gradient.point_x1": {"en": "Point x1", "zh": "点的 x1"},
    "gradient.book_points": {"en": "The book's points:", "zh": "书中的点："},
    "gradient.partials": {
        "en": "∂f/∂x0 = `{g0}`  \n∂f/∂x1 = `{g1}`",
        "zh": "∂f/∂x0 = `{g0}`  \n∂f/∂x1 = `{g1}`"},
    "gradient.partials_note": {
        "en": "numerical_gradient(f, np.array([{x0}, {x1}])) with h = 1e-4, all digits shown.",
        "zh": "numerical_gradient(f, np.array([{x0}, {x1}]))，h = 1e-4，显示全部数字。"},
    "gradient.partials_reference": {
        "en": "Without the step's error (Richardson extrapolation along each axis, good to about {err}): "
              "∂f/∂x0 ≈ `{r0}`, ∂f/∂x1 ≈ `{r1}`. The values above are off by {d0} and {d1}: the "
              "truncation error of h = 1e-4 (∝ h²) plus rounding.",
        "zh": "去掉步长带来的误差（沿每个坐标轴做 Richardson 外推，精确到约 {err}）："
              "∂f/∂x0 ≈ `{r0}`，∂f/∂x1 ≈ `{r1}`。上面的数值分别偏差 {d0} 和 {d1}："
              "即 h = 1e-4 的截断误差（∝ h²）加上舍入误差。"},
    "gradient.partials_no_reference": {
        "en": "No error-free value to compare with here (Richardson extrapolation): the slope from the left "
              "and from the right differ, or do not settle, so f may have no derivative at this point.",
        "zh": "这里没有可对照的无误差值（Richardson 外推）：左右两侧的斜率不同或不收敛，f 在这一点可能不可导。"},
    "gradient.partials_book": {
        "en": "These are the very digits the book prints for x0² + x1² at (3, 4): {g0} and {g1}.",
        "zh": "这正是书中对 x0² + x1² 在 (3, 4) 处打印的数字：{g0} 和 {g1}。"},
    "gradient.partials_zero": {
        "en": "The gradient is zero here: no direction goes downhill (a minimum, a maximum or a saddle point).",
        "zh": "这里梯度为 0：没有任何下坡方向（最小值、最大值或鞍点）。"},
    "gradient.partials_undefined": {
        "en": "f is not a finite number at or right next to this point, so its gradient cannot be computed here.",
        "zh": "f 在这个点或其紧邻处不是有限的数，因此这里无法计算梯度。"},
    "gradient.point_outside": {"en": "The point is outside the view, so it is not drawn on the map.",
                               "zh": "这个点在视图范围之外，所以图上没有画出。"},
    "gradient.descent": {"en": "Gradient descent", "zh": "梯度下降法"},
    "gradient.start_x0": {"en": "Start x0", "zh": "起点 x0"},
    "gradient.start_x1": {"en": "Start x1", "zh": "起点 x1"},
    "gradient.lr": {"en": "Learning rate lr", "zh": "学习率 lr"},
    "gradient.steps": {"en": "Steps (step_num)", "zh": "步数 (step_num)"},
    "gradient.lr_presets": {
        "en": "The book's learning rates. On x0² + x1² from (−3, 4) with 100 steps (the book's setting) "
              "they show diverging, converging and not moving:",
        "zh": "书中的学习率。在书中的设置（x0² + x1²，起点 (−3, 4)，100 步）下，它们分别表现为发散、收敛和几乎不动："},
    "gradient.lr_help.big": {"en": "Too large: the steps overshoot and grow.", "zh": "过大：每一步都冲过头，而且越走越远。"},
    "gradient.lr_help.book": {"en": "The book's choice: converges to (0, 0).", "zh": "书中的选择：收敛到 (0, 0)。"},
    "gradient.lr_help.tiny": {"en": "Too small: the point hardly moves.", "zh": "过小：点几乎不动。"},
    "gradient.result": {
        "en": "After {steps} steps: x = [`{x0}`, `{x1}`], f(x) = `{f}`.",
        "zh": "{steps} 步之后：x = [`{x0}`, `{x1}`]，f(x) = `{f}`。"},
    "gradient.out.converged": {
        "en": "Converged: at the last point the gradient is only {g} long (it was {g0} at the start), "
              "so x is (almost) a point where ∇f = 0.",
        "zh": "已收敛：最后一个点处梯度的长度只有 {g}（起点处为 {g0}），所以 x（几乎）是 ∇f = 0 的点。"},
    "gradient.out.moving": {
        "en": "Still on its way: f went from {f0} to {f1} and the gradient at the last point is still {g} "
              "long. More steps or a larger learning rate would go further.",
        "zh": "还在路上：f 从 {f0} 降到 {f1}，最后一个点处梯度的长度仍有 {g}。增加步数或增大学习率可以走得更远。"},
    "gradient.out.stuck": {
        "en": "Hardly moved: in {steps} steps the point travelled only {dist}. Each step is lr × ∇f, and "
              "with lr = {lr} that is tiny — x stays ≈ ({x0}, {x1}).",
        "zh": "几乎没动：{steps} 步一共只移动了 {dist}。每一步是 lr × ∇f，学习率为 {lr} 时它微乎其微——"
              "x 仍约等于 ({x0}, {x1})。"},
    "gradient.out.grew": {
        "en": "f grew from {f0} to {f1}: the learning rate is too large. Each step jumps over the valley "
              "and lands higher up on the other side, so the steps get longer and longer.",
        "zh": "f 从 {f0} 增大到 {f1}：学习率过大。每一步都越过谷底，落在对面更高的地方，于是步子越迈越大。"},
    "gradient.out.left_view": {
        "en": "The path leaves the view at step {step} and ends outside it, at ({x0}, {x1}). The map shows "
              "only the part inside −{r} ≤ x0, x1 ≤ {r}; the table below lists every step.",
        "zh": "路径在第 {step} 步离开视图范围，最终停在视图之外的 ({x0}, {x1})。图上只画出 "
              "−{r} ≤ x0, x1 ≤ {r} 之内的部分；下表列出了每一步。"},
    "gradient.out.left_view_back": {
        "en": "The path leaves the view at step {step} and comes back later. The map shows only the parts "
              "inside the view; the table below lists every step.",
        "zh": "路径在第 {step} 步离开视图范围，之后又回来了。图上只画出视图之内的部分；下表列出了每一步。"},
    "gradient.jumps": {
        "en": "Dashed red lines: steps that start and end outside the view and jump right across it.",
        "zh": "红色虚线：起点和终点都在视图之外、直接跨过视图的那些步。"},
    "gradient.out.frozen": {
        "en": "From step {step} on the point does not move at all: at |x| ≈ {size} the nudge h = 1e-4 is "
              "smaller than the gap between neighbouring floating-point numbers, so f(x + h) and "
              "f(x − h) are equal and the numerical gradient is exactly 0. That is why the book prints "
              "a huge but finite number instead of infinity.",
        "zh": "从第 {step} 步起点完全不动了：当 |x| ≈ {size} 时，微小变化 h = 1e-4 比相邻两个浮点数之间的间隔"
              "还小，f(x + h) 与 f(x − h) 相等，数值梯度恰好为 0。这就是书中打印出一个巨大但有限的数，"
              "而不是无穷大的原因。"},
    "gradient.out.overflow": {
        "en": "Diverged: the update at step {step} left the finite numbers (it overflowed to infinity or "
              "became undefined), so gradient descent stopped there. The path and the table end at the "
              "last finite point, step {last}.",
        "zh": "发散：第 {step} 步的更新超出了有限数的范围（溢出为无穷大或变得没有定义），梯度下降就此停止。"
              "路径和表格到最后一个有限的点（第 {last} 步）为止。"},
    "gradient.out.start_undefined": {
        "en": "f is not a finite number at the start point ({x0}, {x1}), so there is no gradient to follow. "
              "Choose another start point.",
        "zh": "f 在起点 ({x0}, {x1}) 处不是有限的数，没有梯度可以沿着走。请换一个起点。"},
    "gradient.out.undefined_end": {
        "en": "At the last point (step {step}) f is not a number: the path stepped out of the region where "
              "f is defined.",
        "zh": "在最后一个点（第 {step} 步）处 f 不是一个数：路径走出了 f 有定义的区域。"},
    "gradient.out.flat_start": {
        "en": "The gradient is zero at the start point: there is no downhill direction, so x stays where it is.",
        "zh": "起点处梯度为 0：没有下坡方向，所以 x 停在原地不动。"},
    "gradient.out.no_steps": {"en": "Steps = 0: the path is just the start point.",
                              "zh": "步数为 0：路径只有起点。"},
    "gradient.table": {"en": "Step by step", "zh": "逐步记录"},
    "gradient.table_caption": {
        "en": "Row k is x after k updates (row 0 is the start); |∇f(x)| is the length of the numerical "
              "gradient there, the slope the next step follows.",
        "zh": "第 k 行是更新 k 次之后的 x（第 0 行是起点）；|∇f(x)| 是该点数值梯度的长度，即下一步所依据的坡度。"},
    "gradient.col_step": {"en": "step", "zh": "步"},
}
