"""The numerical-derivative page (4.3)."""
TEXT = {
    "derivative.intro": {
        "en": "The derivative f′(x) is the slope of f at x: how much f changes for a tiny change of x. "
              "A computer cannot take the limit h → 0, so it takes a small but finite step h and divides "
              "the change in f by it. This is **numerical differentiation**. The book's `numerical_diff` "
              "uses the **central difference** around x, which is much more accurate than the **forward "
              "difference** from x to x + h. Pick a function, a point x and a step h, and compare both "
              "with the true slope.",
        "zh": "导数 f′(x) 表示 f 在 x 处的斜率，也就是 x 发生微小变化时 f 变化了多少。计算机无法真的让 h → 0，"
              "只能取一个很小但有限的 h，用 f 的变化量除以 h。这就是**数值微分**。书中的 `numerical_diff` "
              "使用以 x 为中心的**中心差分**，它比从 x 到 x + h 的**前向差分**精确得多。选择一个函数、一个点 x "
              "和步长 h，把两种差分与真正的斜率比较一下。"},
    "derivative.function": {"en": "Function f(x)", "zh": "函数 f(x)"},
    "derivative.fn.book": {"en": "0.01x² + 0.1x (the book's example)", "zh": "0.01x² + 0.1x（书中的例子）"},
    "derivative.fn.sin": {"en": "sin x", "zh": "sin x"},
    "derivative.fn.exp": {"en": "exp x", "zh": "exp x"},
    "derivative.fn.cube": {"en": "x³", "zh": "x³"},
    "derivative.fn.abs": {"en": "|x| (a kink at 0)", "zh": "|x|（在 0 处有尖点）"},
    "derivative.fn.log": {"en": "log x (defined for x > 0)", "zh": "log x（仅在 x > 0 时有定义）"},
    "derivative.fn.custom": {"en": "Type your own formula…", "zh": "自己输入公式……"},
    "derivative.function_help": {
        "en": "Choosing a preset also moves x and the plotted range to where that function is interesting.",
        "zh": "选择预设函数时，x 和绘图范围也会移到适合观察该函数的位置。"},
    "derivative.expr": {"en": "f(x) =", "zh": "f(x) ="},
    "derivative.x": {"en": "Point x", "zh": "点 x"},
    "derivative.x_help": {
        "en": "Where the derivative is taken. Allowed: −1000 to 1000.",
        "zh": "求导数的位置。取值范围：−1000 到 1000。"},
    "derivative.book_caption": {"en": "The book's example at", "zh": "书中的例子："},
    "derivative.book5": {"en": "x = 5", "zh": "x = 5"},
    "derivative.book10": {"en": "x = 10", "zh": "x = 10"},
    "derivative.book_help": {
        "en": "The book's example: f(x) = 0.01x² + 0.1x, h = 1e-4, central difference.",
        "zh": "书中的例子：f(x) = 0.01x² + 0.1x，h = 1e-4，中心差分。"},
    "derivative.h": {"en": "Step h (powers of ten)", "zh": "步长 h（10 的幂）"},
    "derivative.h_help": {
        "en": "The book uses h = 1e-4. Try 1e-50, the book's bad example, and everything in between.",
        "zh": "书中使用 h = 1e-4。也试试书中的反面例子 1e-50，以及介于两者之间的值。"},
    "derivative.range": {"en": "Plotted x range", "zh": "绘图的 x 范围"},
    "derivative.xmin": {"en": "from", "zh": "从"},
    "derivative.xmax": {"en": "to", "zh": "到"},
    "derivative.range_bad": {
        "en": "The plotted range needs “from” < “to”; showing {lo} … {hi} instead.",
        "zh": "绘图范围需要满足“从” < “到”；现改为显示 {lo} … {hi}。"},
    "derivative.range_widened": {
        "en": "x = {x} lies outside the chosen range, so the plot was widened to include it.",
        "zh": "x = {x} 不在所选范围内，因此绘图范围已扩大到包含它。"},
    "derivative.expr_kept": {
        "en": "Still showing the last valid formula: f(x) = `{text}`",
        "zh": "仍显示上一个有效的公式：f(x) = `{text}`"},
    "derivative.formula_typed": {"en": "f(x) = `{text}`", "zh": "f(x) = `{text}`"},
    "derivative.metric_fx": {"en": "f(x)", "zh": "f(x)"},
    "derivative.metric_exact": {"en": "exact f′(x)", "zh": "精确值 f′(x)"},
    "derivative.metric_reference": {"en": "reference f′(x) (Richardson)", "zh": "参考值 f′(x)（Richardson 外推）"},
    "derivative.metric_central": {"en": "central difference", "zh": "中心差分"},
    "derivative.metric_forward": {"en": "forward difference", "zh": "前向差分"},
    "derivative.none": {"en": "—", "zh": "—"},
    "derivative.no_derivative_value": {"en": "does not exist", "zh": "不存在"},
    "derivative.reference_pm": {"en": "estimated error ± {err}", "zh": "估计误差 ± {err}"},
    "derivative.stored": {
        "en": "What the computer stores: h = {h} is kept in float64 as {h64}; in float32 it would be {h32}. "
              "The step actually taken, (x + h) − x, is {step}.",
        "zh": "计算机实际存储的值：h = {h} 在 float64 中存为 {h64}；若用 float32 则是 {h32}。"
              "实际走出的步长 (x + h) − x 为 {step}。"},
    "derivative.tiny_h": {
        "en": "**h = 1e-50 — the book's bad example.** In 32-bit floats 1e-50 is simply 0: "
              "`np.float32(1e-50)` gives `{h32}`, so the step vanishes before any arithmetic. "
              "This page computes in float64, where 1e-50 still exists, but next to x = {x} neighbouring "
              "floats are {spacing} apart: x + h rounds back to x, f(x + h) − f(x − h) = 0, and both "
              "differences come out as 0, whatever the true slope.",
        "zh": "**h = 1e-50：书中的反面例子。** 在 32 位浮点数中 1e-50 直接变成 0："
              "`np.float32(1e-50)` 的结果是 `{h32}`，还没开始计算步长就消失了。本页用 float64 计算，"
              "1e-50 在 float64 中仍然存在；但在 x = {x} 附近，相邻浮点数的间隔是 {spacing}："
              "x + h 被舍入回 x，f(x + h) − f(x − h) = 0，两种差分都得到 0，不管真正的斜率是多少。"},
    "derivative.tiny_h_near_zero": {
        "en": "**h = 1e-50 — the book's bad example.** In 32-bit floats 1e-50 is simply 0: "
              "`np.float32(1e-50)` gives `{h32}`. In float64 numbers are very dense near 0, so at x = {x} "
              "the step survives: x + h ≠ x. Move x away from 0 (try x = 5) to see both differences "
              "collapse to 0.",
        "zh": "**h = 1e-50：书中的反面例子。** 在 32 位浮点数中 1e-50 直接变成 0："
              "`np.float32(1e-50)` 的结果是 `{h32}`。float64 的数在 0 附近非常密集，所以在 x = {x} 处"
              "这个步长没有丢失：x + h ≠ x。把 x 移离 0（例如 x = 5），就能看到两种差分都变成 0。"},
    "derivative.f_nonfinite": {
        "en": "f(x) is not a finite number at x = {x} (it is {value}): x lies outside the function's domain, "
              "or the value overflows. Choose another x; the curve shows where f is defined.",
        "zh": "f(x) 在 x = {x} 处不是有限数（结果为 {value}）：x 不在函数的定义域内，或者数值溢出了。"
              "请换一个 x；曲线显示了 f 有定义的范围。"},
    "derivative.step_nonfinite": {
        "en": "The {method} needs f at {points}, where f is not a finite number: the step h leaves the "
              "function's domain. Choose a smaller h or move x away from the edge.",
        "zh": "{method}需要用到 {points} 处的 f 值，而 f 在那里不是有限数：步长 h 越出了函数的定义域。"
              "请选择更小的 h，或把 x 移离定义域的边界。"},
    "derivative.no_derivative": {
        "en": "**f has no derivative at x = {x}**: the slope is {left} coming from the left and {right} "
              "from the right. The central difference still returns {central} — the average of the two — "
              "and the forward difference returns {forward}, with no warning. A numerical derivative cannot "
              "tell you that the derivative does not exist.",
        "zh": "**f 在 x = {x} 处不可导**：从左侧看斜率是 {left}，从右侧看是 {right}。中心差分仍然给出 {central}"
              "（两者的平均），前向差分给出 {forward}，而且没有任何提示。数值微分无法告诉你导数并不存在。"},
    "derivative.no_reference": {
        "en": "No reference value could be computed at x = {x}: f is not a finite number on both sides of x "
              "(the point is at the edge of the domain), so errors cannot be measured here.",
        "zh": "无法在 x = {x} 处计算参考值：f 在 x 的两侧并非都是有限数（该点位于定义域边界），因此这里无法衡量误差。"},
    "derivative.exact_nonfinite": {
        "en": "The derivative is not a finite number at x = {x}, so errors cannot be measured here.",
        "zh": "导数在 x = {x} 处不是有限数，因此这里无法衡量误差。"},
    "derivative.reference_unreliable": {
        "en": "The reference did not settle at x = {x} (estimated error {err}): f may not be smooth here, "
              "for example a kink or a vertical tangent. Read the errors below with caution.",
        "zh": "参考值在 x = {x} 处没有收敛（估计误差 {err}）：f 在这里可能不光滑，比如有尖点或竖直的切线。"
              "请谨慎看待下面的误差。"},
    "derivative.reference_note": {
        "en": "**What “reference” means for a typed formula.** The page knows no formula for its derivative, "
              "so the green value is itself computed — but far more accurately than one difference quotient. "
              "It is **Richardson extrapolation** (Ridders' method) of central differences in float64: the "
              "central difference is taken for ten shrinking steps starting at h = 0.1 (scaled with |x|), and "
              "they are combined so that the h², h⁴, … error terms cancel. For a smooth function it is "
              "typically good to about 1e-13, and its own error estimate is shown as a dotted line on the error "
              "chart: errors below that line are not meaningful. Presets use a derivative written by hand, "
              "labelled “exact”.",
        "zh": "**对于自己输入的公式，“参考值”是什么意思。** 本页不知道它的导数公式，所以绿色的值本身也是计算出来的，"
              "但比单个差商精确得多。它是在 float64 中对中心差分做 **Richardson 外推**（Ridders 方法）：从 h = 0.1"
              "（随 |x| 缩放）开始，用十个逐渐缩小的步长计算中心差分，再把它们组合起来，使 h²、h⁴……等误差项相互抵消。"
              "对于光滑函数，它通常能精确到约 1e-13；它自身的估计误差在误差图中画成点线，低于这条线的误差没有意义。"
              "预设函数则使用手工推导的导数，标为“精确值”。"},
    "derivative.tangent_title": {"en": "f and its tangent at x", "zh": "f 及其在 x 处的切线"},
    "derivative.tangent_caption": {
        "en": "Each line goes through the point (x, f(x)) with the slope named in the legend; the dashed lines "
              "lead from the point to the axes. With a good h the lines lie on top of each other; with h = 1e-50 "
              "the numerical slope is 0 and its tangent lies flat.",
        "zh": "每条直线都经过点 (x, f(x))，斜率如图例所示；虚线从该点引向两条坐标轴。h 合适时这些直线互相重合；"
              "h = 1e-50 时数值斜率为 0，对应的切线变成水平线。"},
    "derivative.axis_x": {"en": "x", "zh": "x"},
    "derivative.axis_y": {"en": "y", "zh": "y"},
    "derivative.series_curve": {"en": "f(x)", "zh": "f(x)"},
    "derivative.series_central": {"en": "tangent, central difference", "zh": "切线（中心差分）"},
    "derivative.series_forward": {"en": "tangent, forward difference", "zh": "切线（前向差分）"},
    "derivative.series_exact": {"en": "tangent, exact slope", "zh": "切线（精确斜率）"},
    "derivative.series_reference": {"en": "tangent, reference slope (Richardson)", "zh": "切线（参考斜率，Richardson）"},
    "derivative.tooltip_line": {"en": "line", "zh": "直线"},
    "derivative.tooltip_slope": {"en": "slope", "zh": "斜率"},
    "derivative.tooltip_point": {"en": "f(x)", "zh": "f(x)"},
    "derivative.curve_dropped": {
        "en": "f is not a finite number at {n} of the {total} plotted points (outside its domain, or "
              "overflowing); they are left out of the curve.",
        "zh": "在绘制的 {total} 个点中，有 {n} 个点的 f 不是有限数（不在定义域内或溢出），曲线中已略去这些点。"},
    "derivative.curve_empty": {
        "en": "f is not a finite number anywhere in this range, so there is no curve to draw. Choose another range.",
        "zh": "f 在这个范围内处处都不是有限数，无法画出曲线。请换一个范围。"},
    "derivative.error_title": {"en": "Error against h (log–log)", "zh": "误差随 h 的变化（双对数）"},
    "derivative.axis_h": {"en": "step h", "zh": "步长 h"},
    "derivative.axis_error": {"en": "absolute error", "zh": "绝对误差"},
    "derivative.tooltip_method": {"en": "what", "zh": "项目"},
    "derivative.tooltip_value": {"en": "approximation", "zh": "近似值"},
    "derivative.current_h": {"en": "your h", "zh": "你选的 h"},
    "derivative.best_central": {"en": "best h for central ≈ ε^(1/3)", "zh": "中心差分的最佳 h ≈ ε^(1/3)"},
    "derivative.best_forward": {"en": "best h for forward ≈ √ε", "zh": "前向差分的最佳 h ≈ √ε"},
    "derivative.floor": {"en": "the reference's own estimated error", "zh": "参考值自身的估计误差"},
    "derivative.error_caption": {
        "en": "Solid black line: your h. Dashed lines: the best h by the rule of thumb below. Only h from 1e-16 "
              "to 1 is drawn.",
        "zh": "黑色实线：你选的 h。虚线：按下面的经验法则得到的最佳 h。图中只画出 1e-16 到 1 之间的 h。"},
    "derivative.error_none": {
        "en": "The error chart needs the true derivative at x, which is not available here.",
        "zh": "误差图需要 x 处真正的导数值，而这里得不到。"},
    "derivative.error_zero": {
        "en": "Left out: {n} point(s) where the error is exactly 0 — zero has no place on a log axis.",
        "zh": "已略去 {n} 个误差恰好为 0 的点：对数坐标上无法表示 0。"},
    "derivative.error_quadratic": {
        "en": "For this quadratic f‴ = 0, so the central difference has no truncation error at all: only "
              "rounding error is left, and it keeps falling as h grows. Choose sin x or exp x to see both "
              "effects meet in a V.",
        "zh": "对这个二次函数，f‴ = 0，所以中心差分完全没有截断误差，只剩下舍入误差，而且 h 越大它越小。"
              "选择 sin x 或 exp x，就能看到两种误差交汇成一个 V 字形。"},
    "derivative.col_value": {"en": "value", "zh": "数值"},
    "derivative.col_error": {"en": "error (approx. − true)", "zh": "误差（近似值 − 真值）"},
    "derivative.error_nonfinite": {
        "en": "Left out: {n} point(s) where x ± h leaves the function's domain (the difference is not a number).",
        "zh": "已略去 {n} 个点：在这些点上 x ± h 越出了函数的定义域（差分不是一个数）。"},
    "derivative.h_off_chart": {
        "en": "Your h = {h} lies far to the left of this chart. There the error is {central} (central) and "
              "{forward} (forward).",
        "zh": "你选的 h = {h} 在本图左侧很远的地方。在那里中心差分的误差是 {central}，前向差分的误差是 {forward}。"},
    "derivative.why_title": {"en": "Why the error first falls, then rises", "zh": "为什么误差先下降、后上升"},
    "derivative.why": {
        "en": "Two errors pull in opposite directions. **Truncation error** comes from the formula itself: "
              "the forward difference is off by about ½·f″(x)·h, the central difference by about "
              "⅙·f‴(x)·h², because its h-terms cancel. On log–log axes these are straight lines of slope 1 "
              "and 2 on the right of the chart. **Rounding error** comes from the computer: every value of f "
              "carries a relative error of about ε = 2.2e-16 (float64), and dividing a difference of two almost "
              "equal numbers by a tiny h magnifies it to about ε·|f(x)|/h — the jagged rise on the left, "
              "slope −1. The total is smallest where the two are about equal:",
        "zh": "两种误差朝相反方向变化。**截断误差**来自公式本身：前向差分大约偏离 ½·f″(x)·h，中心差分因为"
              "h 的一次项相互抵消，大约只偏离 ⅙·f‴(x)·h²。在双对数坐标中，它们是图右侧斜率为 1 和 2 的直线。"
              "**舍入误差**来自计算机：f 的每个值都带有约 ε = 2.2e-16（float64）的相对误差，两个几乎相等的数相减"
              "再除以很小的 h，会把它放大到约 ε·|f(x)|/h，这就是图左侧锯齿状上升、斜率为 −1 的部分。"
              "两者大致相等的地方，总误差最小："},
    "derivative.why_after": {
        "en": "(taking f and its derivatives to be of size about 1). So the best h is about 1e-8 for the forward "
              "difference and about 1e-5 for the central one; the book's h = 1e-4 is a safe choice near the "
              "central optimum. Smaller is **not** better below that.",
        "zh": "（假设 f 及其各阶导数的大小都在 1 左右）。所以前向差分的最佳 h 约为 1e-8，中心差分约为 1e-5；"
              "书中的 h = 1e-4 在中心差分的最佳值附近，是稳妥的选择。再往下，h 越小反而**不是**越好。"},
}
