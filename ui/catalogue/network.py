"""Strings of the network-gradient page (4.4.2): simpleNet's dW and the two-layer gradient check."""
TEXT = {
    "network.intro": {
        "en": "Learning means finding the weights with the smallest loss, and the gradient tells every "
              "weight which way to move. For a network the gradient is $\\partial L / \\partial W$: a matrix "
              "shaped like $W$ with one partial derivative per weight. This page computes it in two ways — "
              "by **numerical differentiation**, nudging one weight at a time, and by the exact formula that "
              "**backpropagation** gives (the next chapter's method) — first for the book's tiny simpleNet, "
              "then for a two-layer network on real MNIST digits.",
        "zh": "学习就是寻找使损失最小的权重，而梯度告诉每个权重该往哪个方向调整。对神经网络来说，梯度就是 "
              "$\\partial L / \\partial W$：一个形状与 $W$ 相同、每个元素是对应权重偏导数的矩阵。本页用两种方法计算它——"
              "**数值微分**（每次只微调一个权重），以及**误差反向传播法**给出的精确公式（下一章的内容）——"
              "先用书中极小的 simpleNet，再用处理真实 MNIST 手写数字的两层神经网络。"},
    # simpleNet
    "network.simple_heading": {"en": "simpleNet: the book's 2 × 3 network", "zh": "simpleNet：书中的 2 × 3 网络"},
    "network.simple_intro": {
        "en": "simpleNet has a single layer: two inputs, three outputs, a 2 × 3 weight matrix $W$ and no bias. "
              "Its scores $p = xW$ go through softmax and cross-entropy to give the loss $L$. Start from the "
              "book's example or draw a random $W$ (as the book's `randn` does), then change any weight, the "
              "input or the label and watch every number follow.",
        "zh": "simpleNet 只有一层：两个输入、三个输出、一个 2 × 3 的权重矩阵 $W$，没有偏置。得分 $p = xW$ "
              "经过 softmax 和交叉熵误差得到损失 $L$。可以从书中的例子出发，也可以像书中的 `randn` 那样随机生成 $W$，"
              "然后修改任意权重、输入或标签，观察所有数值如何随之变化。"},
    "network.w_heading": {"en": "Weights W (2 × 3)", "zh": "权重 W（2 × 3）"},
    "network.book_preset": {"en": "The book's example", "zh": "书中的例子"},
    "network.book_preset_help": {
        "en": "W, x and t exactly as printed in the book (section 4.4.2).",
        "zh": "W、x 和 t 与书中（4.4.2 节）印出的完全相同。"},
    "network.w_seed": {"en": "Seed", "zh": "随机种子"},
    "network.random_w": {"en": "Random W", "zh": "随机生成 W"},
    "network.random_w_help": {
        "en": "Draws a standard-normal W (like the book's np.random.randn(2, 3)) from NumPy's Generator with "
              "this seed, rounded to 8 decimals. The same seed always gives the same W.",
        "zh": "用这个种子从 NumPy 的 Generator 抽取服从标准正态分布的 W（相当于书中的 np.random.randn(2, 3)），"
              "保留 8 位小数。同一个种子总是得到同一个 W。"},
    "network.x_heading": {"en": "Input x", "zh": "输入 x"},
    "network.t_label": {"en": "Correct label t", "zh": "正确解标签 t"},
    "network.t_help": {
        "en": "The index of the correct class; t below is its one-hot vector (the book: t = [0, 0, 1], label 2).",
        "zh": "正确类别的编号；下方的 t 是它的 one-hot 表示（书中为 t = [0, 0, 1]，即标签 2）。"},
    "network.loss": {"en": "Loss L (cross-entropy error)", "zh": "损失 L（交叉熵误差）"},
    "network.book_match": {
        "en": "This is the book's example: p and dW match the book's printout digit for digit. The book prints "
              "the loss as 0.92806853663411326; it agrees with the value above to all 8 decimals shown. The "
              "last digits differ by 2e-9 because the book's random W had more decimals than the 8 it printed.",
        "zh": "这正是书中的例子：p 和 dW 与书中的输出逐位一致。书中印出的损失是 0.92806853663411326，"
              "与上面显示的 8 位小数完全一致；更后面的数字相差约 2e-9，因为书中随机生成的 W 实际上比印出的 8 位小数更精确。"},
    "network.dw_numerical": {
        "en": "**Numerical differentiation** (`numerical_gradient`, central difference, h = 10⁻⁴)",
        "zh": "**数值微分**（`numerical_gradient`，中心差分，h = 10⁻⁴）"},
    "network.dw_analytic": {
        "en": "**Analytic formula** (`SimpleNet.gradient`: $x^{\\top}(y - t)$)",
        "zh": "**解析公式**（`SimpleNet.gradient`：$x^{\\top}(y - t)$）"},
    "network.difference": {"en": "Numerical − analytic", "zh": "数值解 − 解析解"},
    "network.max_diff": {"en": "Largest |numerical − analytic|", "zh": "|数值解 − 解析解| 的最大值"},
    "network.meaning_heading": {"en": "What dW means", "zh": "dW 的含义"},
    "network.meaning": {
        "en": "Each entry of dW answers one question: if only this weight grows by a tiny amount h, how much "
              "does the loss change? By about (entry) × h. A positive entry means that raising the weight "
              "raises the loss, so learning should lower it; a negative entry asks for the opposite. Gradient "
              "descent moves every weight a little against its own entry, all at once.",
        "zh": "dW 的每个元素回答同一个问题：如果只把这个权重增加一个微小的量 h，损失会变化多少？大约是（该元素）× h。"
              "元素为正，说明增大这个权重会使损失增大，学习时应当减小它；元素为负则相反。"
              "梯度下降法就是让所有权重同时朝各自元素的反方向移动一小步。"},
    "network.meaning_example": {
        "en": "Here the largest entry is $\\partial L / \\partial {w}$ = {value}: raising ${w}$ by 0.01 changes "
              "the loss by about {change} (it {direction}).",
        "zh": "这里绝对值最大的元素是 $\\partial L / \\partial {w}$ = {value}：把 ${w}$ 增加 0.01，"
              "损失大约变化 {change}（{direction}）。"},
    "network.meaning_zero": {
        "en": "Here every entry is 0: with x = 0 the scores are 0 whatever W is, so no weight can change the loss.",
        "zh": "这里所有元素都是 0：x = 0 时无论 W 取什么值得分都是 0，所以没有哪个权重能改变损失。"},
    "network.falls": {"en": "falls", "zh": "下降"},
    "network.rises": {"en": "rises", "zh": "上升"},
    "network.weight_choice": {"en": "Weight to move", "zh": "要移动的权重"},
    "network.tangent_text": {
        "en": "The chart moves only the chosen weight, over ±1 around its current value, and keeps the other "
              "five fixed. The blue curve is the loss; the dashed red line has the slope dW gives for that "
              "weight and touches the curve at the current weight (the dot). A partial derivative is exactly "
              "this slope.",
        "zh": "图中只移动所选的一个权重（在当前值的 ±1 范围内），其余五个保持不变。蓝色曲线是损失；"
              "红色虚线的斜率就是 dW 中该权重对应的元素，它在当前权重处（圆点）与曲线相切。偏导数正是这个斜率。"},
    "network.agree_simple": {
        "en": "**Why the two agree.** The analytic dW is the exact derivative. The numerical one uses the central "
              "difference (L(w + h) − L(w − h)) / 2h, whose error shrinks like h²: with h = 10⁻⁴ it is about "
              "h²/6 times the curve's third derivative, plus rounding of roughly 10⁻¹⁶ / h. For the book's "
              "example that leaves differences around 10⁻¹⁰, far below any digit that matters; large inputs bend "
              "the curve more sharply and the difference grows with them.",
        "zh": "**两者为什么一致。** 解析的 dW 是精确的导数。数值解用的是中心差分 (L(w + h) − L(w − h)) / 2h，"
              "其误差随 h² 减小：h = 10⁻⁴ 时约为 h²/6 乘以曲线的三阶导数，再加上约 10⁻¹⁶ / h 的舍入误差。"
              "对书中的例子，两者只相差 10⁻¹⁰ 左右，远小于任何有意义的位数；输入很大时曲线弯曲得更厉害，差值也会随之变大。"},
    "network.loss_axis": {"en": "loss L", "zh": "损失 L"},
    "network.curve": {"en": "loss as this weight moves", "zh": "移动该权重时的损失"},
    "network.tangent": {"en": "slope from dW ({w})", "zh": "dW 给出的斜率（{w}）"},
    "network.line": {"en": "line", "zh": "曲线"},
    "network.slope": {"en": "slope ∂L/∂w", "zh": "斜率 ∂L/∂w"},
    # the two-layer gradient check
    "network.two_heading": {"en": "Gradient check on a two-layer network", "zh": "两层神经网络的梯度确认"},
    "network.two_intro": {
        "en": "The same comparison on the network the chapter trains: 784 inputs (one per pixel) → a hidden layer "
              "of sigmoid units → 10 outputs with softmax, in float64, with the book's initial weights "
              "(Gaussian with standard deviation 0.01, biases 0). The loss is the mean cross-entropy over a "
              "batch of real MNIST training digits. Its gradient is computed by numerical differentiation "
              "(`TwoLayerNet.numerical_gradient`) and by backpropagation (`TwoLayerNet.gradient`). Comparing "
              "the two is called a **gradient check**: it is how you make sure a backprop implementation is right.",
        "zh": "在本章要训练的网络上做同样的比较：784 个输入（每个像素一个）→ 一个由 sigmoid 神经元组成的隐藏层 → "
              "经过 softmax 的 10 个输出，使用 float64，初始权重与书中相同（标准差 0.01 的高斯分布，偏置为 0）。"
              "损失是一批真实 MNIST 训练图像上交叉熵误差的平均值。梯度分别用数值微分（`TwoLayerNet.numerical_gradient`）"
              "和误差反向传播法（`TwoLayerNet.gradient`）计算。比较两者的做法叫作**梯度确认**："
              "它用来确认误差反向传播法的实现是否正确。"},
    "network.hidden": {"en": "Hidden units", "zh": "隐藏层神经元数"},
    "network.hidden_help": {"en": "Size of the hidden layer. The book trains with 50.",
                            "zh": "隐藏层的大小。书中训练时用 50。"},
    "network.batch": {"en": "Batch size (images)", "zh": "批大小（图像数）"},
    "network.batch_help": {
        "en": "How many training digits the loss averages over, drawn at random with the seed.",
        "zh": "损失对多少张训练图像取平均；这些图像由随机种子随机抽取。"},
    "network.net_seed": {"en": "Seed", "zh": "随机种子"},
    "network.net_seed_help": {
        "en": "Seeds NumPy's Generator for the initial weights and for the choice of images: the same seed "
              "gives the same network and batch.",
        "zh": "为 NumPy 的 Generator 设定种子，决定初始权重和抽取哪些图像：同一个种子得到同样的网络和同一批图像。"},
    "network.small_preset": {"en": "Small: 10 hidden units, 10 images", "zh": "小规模：10 个隐藏神经元，10 张图像"},
    "network.book_size_preset": {"en": "The book's size: 50 hidden units, 100 images",
                                 "zh": "书中的规模：50 个隐藏神经元，100 张图像"},
    "network.computing": {"en": "Computing both gradients…", "zh": "正在计算两种梯度……"},
    "network.net_summary": {
        "en": "Network 784 → {hidden} → 10 with **{params}** parameters; the loss averages over **{batch}** "
              "digits from: {source}.",
        "zh": "网络 784 → {hidden} → 10，共 **{params}** 个参数；损失对 **{batch}** 张图像取平均，数据来自：{source}。"},
    "network.worst_diff": {"en": "Largest |numerical − backprop|", "zh": "|数值微分 − 反向传播| 的最大值"},
    "network.evaluations": {"en": "Loss evaluations (numerical)", "zh": "数值梯度的损失计算次数"},
    "network.evaluations_help": {
        "en": "Two per parameter (at w + h and at w − h). Backprop needs one forward and one backward pass for "
              "all of them.",
        "zh": "每个参数两次（在 w + h 和 w − h 处）。误差反向传播法只需一次正向传播和一次反向传播就能得到全部偏导数。"},
    "network.ratio": {"en": "Numerical ÷ backprop time", "zh": "数值微分 ÷ 反向传播 耗时"},
    "network.ratio_help": {
        "en": "Both measured on this machine with time.perf_counter (the fastest of a few runs).",
        "zh": "两者都在本机上用 time.perf_counter 测量（取几次运行中最快的一次）。"},
    "network.col_param": {"en": "parameter", "zh": "参数"},
    "network.col_shape": {"en": "shape", "zh": "形状"},
    "network.col_count": {"en": "count", "zh": "个数"},
    "network.col_max_grad": {"en": "largest |gradient|", "zh": "|梯度| 最大值"},
    "network.col_max_diff": {"en": "max |numerical − backprop|", "zh": "|数值 − 反向传播| 最大值"},
    "network.col_mean_diff": {"en": "mean |numerical − backprop|", "zh": "|数值 − 反向传播| 平均值"},
    "network.col_loop_diff": {"en": "max |book's loop − backprop|", "zh": "|书中循环 − 反向传播| 最大值"},
    "network.agree_two": {
        "en": "Compare each difference with the largest gradient in the same row: it sits many orders of "
              "magnitude lower. That is what a correct backprop looks like. A bug — a missing transpose, a wrong "
              "sign, forgetting to divide by the batch size — would give differences as large as the gradient "
              "itself.",
        "zh": "把每一行的差值与同一行的梯度最大值相比：差值要小好几个数量级。正确的误差反向传播实现就是这样。"
              "如果有错误——少了一次转置、符号写反、忘了除以批大小——差值就会和梯度本身一样大。"},
    "network.speed_heading": {"en": "Why the numerical gradient is slow", "zh": "数值梯度为什么慢"},
    "network.slow": {
        "en": "The numerical gradient nudges one parameter at a time and needs the loss twice for each: "
              "{evaluations} loss evaluations for {params} parameters, every one a pass over the whole batch. "
              "Backprop gets all {params} partial derivatives from one forward and one backward pass, costing "
              "about as much as two or three forward passes. The numerical method used above (“fast”) computes "
              "exactly the same central differences as the book's loop, but recomputes only the part of the "
              "network that a nudge changes; even so it is slower than backprop by the factor above. Training "
              "needs a fresh gradient at every one of thousands of steps: that is why backprop exists.",
        "zh": "数值梯度每次只微调一个参数，每个参数要计算两次损失：{params} 个参数需要 {evaluations} 次损失计算，"
              "每一次都要遍历整批数据。误差反向传播法只需一次正向传播和一次反向传播就能得到全部 {params} 个偏导数，"
              "代价约等于两三次正向传播。上面使用的数值方法（“fast”）算出的中心差分与书中的循环完全相同，"
              "只是每次微调后只重算网络中受影响的部分；即便如此，它仍比误差反向传播慢上面显示的倍数。"
              "训练要走成千上万步，每一步都需要新的梯度：这正是需要误差反向传播法的原因。"},
    "network.loop_offer": {
        "en": "The book's own code (`method=\"loop\"`) reruns the whole network for every nudge. At this size it "
              "should take about {seconds} s on this machine (longer while it is busy); it runs only when you ask.",
        "zh": "书中的原始代码（`method=\"loop\"`）每微调一次都重新运行整个网络。在当前规模下，"
              "它在本机上大约需要 {seconds} 秒（机器繁忙时会更久）；只有点击按钮才会运行。"},
    "network.loop_run": {"en": "Run the book's loop (≈ {seconds} s)", "zh": "运行书中的循环（约 {seconds} 秒）"},
    "network.loop_running": {"en": "Running the book's loop, about {seconds} s…",
                             "zh": "正在运行书中的循环，大约需要 {seconds} 秒……"},
    "network.loop_too_slow": {
        "en": "The book's loop would take about {seconds} s at this size (more than {limit} s), so it is not "
              "offered here. Choose fewer hidden units or a smaller batch to try it.",
        "zh": "在当前规模下，书中的循环大约需要 {seconds} 秒（超过 {limit} 秒），因此这里不提供。"
              "减少隐藏神经元或减小批大小后即可尝试。"},
    "network.loop_done": {
        "en": "The book's loop took {seconds} s — {ratio}× as long as backprop. It agrees with the fast "
              "numerical method to {vs_fast}: the same numbers, computed the slow way.",
        "zh": "书中的循环用了 {seconds} 秒，是误差反向传播的 {ratio} 倍。它与 fast 数值方法的差异不超过 {vs_fast}："
              "同样的数值，只是算得慢。"},
    "network.method_bp": {"en": "backprop (gradient)", "zh": "误差反向传播（gradient）"},
    "network.method_fast": {"en": "numerical, fast", "zh": "数值微分，fast"},
    "network.method_loop": {"en": "numerical, the book's loop", "zh": "数值微分，书中的循环"},
    "network.seconds": {"en": "seconds (log scale)", "zh": "秒（对数刻度）"},
    "network.method": {"en": "method", "zh": "方法"},
    "network.kind": {"en": "time", "zh": "时间"},
    "network.measured": {"en": "measured", "zh": "实测"},
    "network.estimated": {"en": "estimated (not run)", "zh": "估计（未运行）"},
    "network.times_note": {
        "en": "Measured with time.perf_counter (the fastest of a few runs) when these inputs were first "
              "computed: backprop {bp}, fast numerical {fast}. Times vary with the machine and how busy it is; "
              "if they look off, measure again.",
        "zh": "在首次计算这组输入时用 time.perf_counter 测得（取几次运行中最快的一次）：误差反向传播 {bp}，"
              "fast 数值微分 {fast}。耗时随机器及其繁忙程度而变；如果看起来不对，可以重新测量。"},
    "network.retime": {"en": "Measure again", "zh": "重新测量"},
    "network.maps_heading": {"en": "W1's gradient, one hidden unit at a time", "zh": "W1 的梯度：逐个隐藏神经元查看"},
    "network.unit": {"en": "Hidden unit", "zh": "隐藏神经元"},
    "network.unit_help": {
        "en": "W1 has one column of 784 weights per hidden unit; choose which column to draw as a 28 × 28 image.",
        "zh": "W1 的每一列是连到一个隐藏神经元的 784 个权重；选择要画成 28 × 28 图像的那一列。"},
    "network.maps_text": {
        "en": "W1 holds 784 × H weights, one from every pixel to every hidden unit, so each of its columns can be "
              "drawn as a 28 × 28 image. Left: the backprop gradient for the chosen unit (red: raising that "
              "weight raises the loss; blue: lowers it). It is a weighted sum of the batch's images, so it often "
              "shows strokes of digits, and pixels that are blank in every image get exactly 0. Right: "
              "numerical − backprop for the same weights, on its own colour scale: tiny, and without a pattern.",
        "zh": "W1 有 784 × H 个权重（每个像素到每个隐藏神经元各一个），因此它的每一列都可以画成一张 28 × 28 的图像。"
              "左图：所选神经元的反向传播梯度（红色表示增大该权重会使损失增大，蓝色表示会使损失减小）。"
              "它是这批图像的加权和，所以常常能看出数字的笔画；在所有图像中都是空白的像素，梯度恰好为 0。"
              "右图：同一组权重的“数值微分 − 反向传播”，使用单独的颜色刻度：数值极小，而且看不出任何图案。"},
    "network.row": {"en": "pixel row", "zh": "像素行"},
    "network.column": {"en": "pixel column", "zh": "像素列"},
    "network.map_grad": {"en": "∂L/∂W1, hidden unit {unit}", "zh": "∂L/∂W1，隐藏神经元 {unit}"},
    "network.map_diff": {"en": "numerical − backprop, unit {unit}", "zh": "数值微分 − 反向传播，神经元 {unit}"},
    "network.map_diff_caption": {
        "en": "Largest difference {max}. {zeros} of the 784 differences are exactly 0: those pixels are blank in "
              "every image of the batch, so nudging their weights changes nothing.",
        "zh": "最大差值为 {max}。784 个差值中有 {zeros} 个恰好为 0：这些像素在这批图像中全是空白，"
              "微调它们的权重不会改变任何东西。"},
    "network.batch_heading": {"en": "The batch: {batch} training digits", "zh": "这批数据：{batch} 张训练图像"},
    "network.batch_labels": {"en": "Labels: {labels}", "zh": "标签：{labels}"},
}
