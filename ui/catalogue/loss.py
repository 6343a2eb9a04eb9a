"""The loss-functions page (4.2): MSE vs cross-entropy, mini-batches, loss vs accuracy."""
TEXT = {
    "loss.intro": {
        "en": "To learn, a network needs one number that says how bad its answer is: the **loss**. "
              "Training changes the weights to make it smaller. The book uses two: **mean squared "
              "error** and **cross-entropy error**. Here they are side by side on one output of ten "
              "class probabilities, then on mini-batches of real digits.",
        "zh": "神经网络要学习，就需要一个衡量其输出有多“差”的数：**损失函数**。训练就是调整权重让它变小。"
              "书中介绍了两种：**均方误差**和**交叉熵误差**。下面先在一个 10 类输出向量上对比二者，"
              "再换成真实手写数字的 mini-batch。"},

    # 4.2.1-4.2.2 one output vector
    "loss.one_header": {"en": "One output, two losses", "zh": "一个输出，两种损失"},
    "loss.mse_name": {"en": "Mean squared error", "zh": "均方误差"},
    "loss.cee_name": {"en": "Cross-entropy error", "zh": "交叉熵误差"},
    "loss.one_explain": {
        "en": "y is the network's output (one probability per digit 0–9) and t the label in one-hot "
              "form: 1 for the correct class, 0 for the other nine. Pick an example or type your own.",
        "zh": "y 是神经网络的输出（数字 0–9 各一个概率），t 是 one-hot 形式的监督标签：正确类别为 1，"
              "其余九个为 0。选择一个示例，或输入你自己的数值。"},
    "loss.presets": {"en": "Examples", "zh": "示例"},
    "loss.preset_book1": {"en": "Book: y1 (“2” most likely)", "zh": "书中例 1（“2”概率最高）"},
    "loss.preset_book1_help": {
        "en": "The book's first example: the correct label is 2 and the network gives it 0.6.",
        "zh": "书中的第一个例子：正确标签是 2，网络给它的概率是 0.6。"},
    "loss.preset_book2": {"en": "Book: y2 (“7” most likely)", "zh": "书中例 2（“7”概率最高）"},
    "loss.preset_book2_help": {
        "en": "The book's second example: the correct label is still 2, but the network bets on 7.",
        "zh": "书中的第二个例子：正确标签仍是 2，但网络押在了 7 上。"},
    "loss.preset_same_correct": {"en": "0.6 on “2”, rest on one class",
                                 "zh": "“2”为 0.6，其余集中在一类"},
    "loss.preset_same_correct_help": {
        "en": "Like y1, the correct class gets 0.6, but the other 0.4 all goes to 7. "
              "Cross-entropy stays the same; MSE does not.",
        "zh": "与 y1 一样正确类别得到 0.6，但剩下的 0.4 全给了 7。交叉熵不变，均方误差却变了。"},
    "loss.preset_uniform": {"en": "Uniform guess (0.1 each)", "zh": "均匀猜测（各 0.1）"},
    "loss.preset_uniform_help": {
        "en": "What an untrained network outputs: no preference. Cross-entropy = ln 10 ≈ 2.303.",
        "zh": "未训练的网络大致如此输出：没有任何偏好。交叉熵 = ln 10 ≈ 2.303。"},
    "loss.preset_confident_wrong": {"en": "Sure and wrong (1.0 on “7”)", "zh": "十分确定却答错（“7”为 1.0）"},
    "loss.preset_confident_wrong_help": {
        "en": "All the probability on a wrong class: the correct class gets exactly 0.",
        "zh": "全部概率都给了错误的类别：正确类别的概率恰好为 0。"},
    "loss.y_label": {"en": "Network output y (10 numbers for the digits 0–9)",
                     "zh": "网络输出 y（对应数字 0–9 的 10 个数）"},
    "loss.y_help": {
        "en": "Separate the numbers with commas or spaces, e.g. 0.1, 0.05, 0.6, … A pasted Python list "
              "works too.",
        "zh": "用逗号或空格分隔，例如 0.1, 0.05, 0.6, …；也可以直接粘贴 Python 列表。"},
    "loss.as_label": {"en": "These numbers are", "zh": "这些数是"},
    "loss.as_probabilities": {"en": "probabilities (used as y)", "zh": "概率（直接作为 y）"},
    "loss.as_scores": {"en": "scores (y = softmax of them)", "zh": "得分（y 取其 softmax）"},
    "loss.label_label": {"en": "Correct label t", "zh": "正确标签 t"},
    "loss.err_count": {
        "en": "Please enter exactly 10 numbers, one per digit 0–9 (found {count}).",
        "zh": "请输入恰好 10 个数，每个数字 0–9 各一个（现在是 {count} 个）。"},
    "loss.err_number": {
        "en": "“{token}” is not a number. Use a dot for decimals, e.g. 0.25.",
        "zh": "“{token}”不是数字。小数请用小数点，例如 0.25。"},
    "loss.err_finite": {
        "en": "“{token}” is not a finite number. Enter ordinary numbers only.",
        "zh": "“{token}”不是有限的数。请只输入普通的数值。"},
    "loss.err_negative": {
        "en": "Probabilities cannot be negative ({token}). To use any numbers, choose “scores”: "
              "softmax turns them into probabilities.",
        "zh": "概率不能为负数（{token}）。若想输入任意数值，请选择“得分”：softmax 会把它们变成概率。"},
    "loss.err_large": {
        "en": "“{token}” is too large in size. Enter numbers between −{limit} and {limit}.",
        "zh": "“{token}”的绝对值太大了。请输入 −{limit} 到 {limit} 之间的数。"},
    "loss.kept": {"en": "Still showing the last valid y: {vector}.",
                  "zh": "仍显示上一次有效的 y：{vector}。"},
    "loss.softmax_note": {
        "en": "softmax turned the scores into probabilities that sum to 1: y = {vector}.",
        "zh": "softmax 把得分变成了总和为 1 的概率：y = {vector}。"},
    "loss.use_softmax": {"en": "Edit these probabilities instead", "zh": "改为直接编辑这些概率"},
    "loss.sum_note": {
        "en": "These outputs add up to {total}, not 1. A softmax output always sums to 1, and "
              "cross-entropy assumes it does: the losses below use the numbers as they are.",
        "zh": "这些输出的总和是 {total}，不是 1。softmax 的输出总和总是 1，交叉熵也以此为前提；"
              "下面的损失按原样使用这些数。"},
    "loss.sum_zero": {
        "en": "All outputs are 0, so they cannot be scaled to sum to 1.",
        "zh": "所有输出都是 0，无法缩放成总和为 1。"},
    "loss.normalise": {"en": "Normalise (divide by the sum)", "zh": "归一化（除以总和）"},
    "loss.full_precision": {"en": "As Python prints it: {value}", "zh": "Python 打印的完整值：{value}"},
    "loss.full_precision_help": {
        "en": "Floats are stored in binary, so a value like 0.0975 may print as 0.09750000000000003.",
        "zh": "浮点数以二进制存储，所以像 0.0975 这样的值可能打印为 0.09750000000000003。"},
    "loss.book_match": {
        "en": "This is the book's example {n}. The book prints mean squared error {mse} and "
              "cross-entropy error {cee}; the page computes the same numbers.",
        "zh": "这是书中的例 {n}。书中打印的均方误差为 {mse}，交叉熵误差为 {cee}；本页算出的结果与之相同。"},
    "loss.chart_outputs": {"en": "Output y per class; the black mark is the label t = 1",
                           "zh": "每个类别的输出 y；黑色标记为标签 t = 1"},
    "loss.chart_terms": {"en": "What each class adds to each loss", "zh": "每个类别对两种损失的贡献"},
    "loss.class": {"en": "class", "zh": "类别"},
    "loss.output": {"en": "output y", "zh": "输出 y"},
    "loss.correct": {"en": "correct class", "zh": "正确类别"},
    "loss.other": {"en": "other class", "zh": "其他类别"},
    "loss.target": {"en": "label t (one-hot)", "zh": "标签 t（one-hot）"},
    "loss.term": {"en": "contribution", "zh": "贡献"},
    "loss.loss": {"en": "loss", "zh": "损失"},
    "loss.only_correct": {
        "en": "**Cross-entropy looks only at the correct class**: it is −log(y_t + δ) with "
              "y_t = {p}, whatever the other nine outputs are. **MSE looks at every class**: "
              "here {wrong_share} of it comes from the nine wrong classes. Try the example “0.6 on “2”, "
              "rest on one class”: same y_t as y1, same cross-entropy, different MSE.",
        "zh": "**交叉熵只看正确类别**：它等于 −log(y_t + δ)，这里 y_t = {p}，与其余九个输出无关。"
              "**均方误差看所有类别**：这里其中 {wrong_share} 来自九个错误类别。试试示例“‘2’为 0.6，"
              "其余集中在一类”：y_t 与 y1 相同，交叉熵相同，均方误差却不同。"},
    "loss.delta_title": {"en": "Why is the largest cross-entropy 16.1 and not infinity?",
                         "zh": "为什么交叉熵最大是 16.1，而不是无穷大？"},
    "loss.delta_note": {
        "en": "log 0 is −∞: if the correct class got exactly 0, the loss would be infinite and the "
              "next calculation would produce NaN. The book's code therefore adds a tiny "
              "δ = 10⁻⁷ before taking the log, so the largest possible value is "
              "−log(10⁻⁷) = 7 ln 10 ≈ 16.118. Try the example “Sure and wrong”. "
              "The price is tiny: at y_t = 1 the loss is −log(1 + 10⁻⁷) ≈ −10⁻⁷ instead of 0. "
              "(The network pages compute the same loss from the scores, which needs no δ.)",
        "zh": "log 0 = −∞：如果正确类别的概率恰好为 0，损失就是无穷大，后续计算会得到 NaN。所以书中的代码在取对数前"
              "加上一个极小值 δ = 10⁻⁷，最大值因此是 −log(10⁻⁷) = 7 ln 10 ≈ 16.118。试试示例“十分确定却答错”。"
              "代价很小：y_t = 1 时损失是 −log(1 + 10⁻⁷) ≈ −10⁻⁷ 而不是 0。"
              "（后面关于网络的页面直接从得分计算同一个损失，不需要 δ。）"},

    # sweep
    "loss.sweep_header": {"en": "As the correct class's probability changes",
                          "zh": "随正确类别的概率变化"},
    "loss.sweep_explain": {
        "en": "Left: both losses as y_t, the probability of the correct class, goes from 0 to 1 "
              "while the other nine classes share the rest equally. Slide y_t: the filled dots follow "
              "the slider; the hollow dots are your y from above. "
              "Right: the curve −log y that cross-entropy is made of (the book's figure 4-3, turned "
              "upside down).",
        "zh": "左图：正确类别的概率 y_t 从 0 变到 1、其余九类平分剩下的概率时两种损失的变化。拖动 y_t 滑块："
              "实心圆点随滑块移动，空心圆点是上面你的 y。"
              "右图：构成交叉熵的曲线 −log y（即书中图 4-3 上下翻转）。"},
    "loss.p_label": {"en": "Probability of the correct class y_t (the other nine share the rest)",
                     "zh": "正确类别的概率 y_t（其余九类平分剩下的部分）"},
    "loss.p_help": {
        "en": "The output is y_t for the correct class and (1 − y_t)/9 for each of the other nine, as on "
              "the curves. Slide it towards 0: cross-entropy shoots up, mean squared error does not.",
        "zh": "输出中正确类别为 y_t，其余九类各为 (1 − y_t)/9，与曲线的取法相同。往 0 拖：交叉熵急剧上升，"
              "均方误差却没有。"},
    "loss.mse_at": {"en": "Mean squared error at y_t = {p}", "zh": "均方误差（y_t = {p}）"},
    "loss.cee_at": {"en": "Cross-entropy error at y_t = {p}", "zh": "交叉熵误差（y_t = {p}）"},
    "loss.slider_point": {"en": "the slider's y_t", "zh": "滑块的 y_t"},
    "loss.chart_sweep": {"en": "Both losses against y_t", "zh": "两种损失随 y_t 的变化"},
    "loss.yt": {"en": "probability of the correct class y_t", "zh": "正确类别的概率 y_t"},
    "loss.your_y": {"en": "your y", "zh": "你的 y"},
    "loss.sweep_clipped": {
        "en": "Cross-entropy leaves the chart near y_t = 0; it reaches 16.1 at y_t = 0.",
        "zh": "交叉熵在 y_t 接近 0 时超出图表范围，在 y_t = 0 时达到 16.1。"},
    "loss.chart_log": {"en": "The curve −log y", "zh": "曲线 −log y"},
    "loss.logx": {"en": "Logarithmic horizontal axis (zoom into tiny y to see δ)",
                  "zh": "对数横轴（放大极小的 y，看 δ 的作用）"},
    "loss.neglog": {"en": "−log y", "zh": "−log y"},
    "loss.neglog_delta": {"en": "−log(y + δ)", "zh": "−log(y + δ)"},
    "loss.neglog_caption": {
        "en": "The dashed grey curve is −log y; the orange one is what the book's code computes, with "
              "δ = 10⁻⁷. On a linear axis they look identical; on the logarithmic one they part below "
              "y ≈ 10⁻⁷, where −log(y + δ) levels off at 16.1.",
        "zh": "灰色虚线是 −log y；橙色曲线是书中代码实际计算的值（δ = 10⁻⁷）。在线性坐标轴上二者看起来完全相同；"
              "在对数坐标轴上它们在 y ≈ 10⁻⁷ 以下分开，−log(y + δ) 停在 16.1。"},
    "loss.sweep_lesson": {
        "en": "Near y_t = 1 both losses are almost 0. Near y_t = 0 they part ways: MSE can never exceed "
              "{mse_max} here (at most 1 for any probabilities), while cross-entropy keeps rising — only "
              "δ stops it at 16.1. A network that is **sure and wrong** is punished much harder by "
              "cross-entropy, and the steep slope −1/y_t there gives learning a strong push.",
        "zh": "在 y_t = 1 附近两种损失都接近 0。在 y_t = 0 附近二者分道扬镳：这里均方误差最多只有 {mse_max}"
              "（对任何概率向量最多为 1），而交叉熵一直上升——只有 δ 把它限制在 16.1。一个**十分确定却答错**的网络"
              "会受到交叉熵重得多的惩罚，而那里陡峭的斜率 −1/y_t 给学习提供了强有力的推动。"},

    # 4.2.3-4.2.4 mini-batch
    "loss.batch_header": {"en": "Mini-batch: the loss over many images", "zh": "mini-batch：多张图像的损失"},
    "loss.batch_explain": {
        "en": "For N training images the loss is the average of their cross-entropies (t_nk is 1 only "
              "for image n's correct class). Computing it over all the training data at every step "
              "would be slow, so each step takes a random **mini-batch** instead — the book's "
              "`np.random.choice(train_size, batch_size)`. Its loss is an estimate of the whole: "
              "below, {draws} random mini-batches for each batch size, from the data chosen in the sidebar.",
        "zh": "对 N 张训练图像，损失是它们交叉熵的平均（只有图像 n 的正确类别 t_nk 为 1）。每一步都在全部训练数据上"
              "计算太慢，所以每一步随机抽取一个 **mini-batch**——即书中的 "
              "`np.random.choice(train_size, batch_size)`。它的损失是对整体的估计：下面对每种批大小随机抽取 "
              "{draws} 个 mini-batch，数据为侧边栏所选的数据集。"},
    "loss.network": {"en": "Network", "zh": "网络"},
    "loss.network_untrained": {"en": "untrained (random weights)", "zh": "未训练（随机权重）"},
    "loss.network_trained": {"en": "briefly trained", "zh": "简单训练过"},
    "loss.network_help": {
        "en": "TwoLayerNet 784-50-10. “Briefly trained”: the book's settings (learning rate 0.1, batch "
              "100) for {iters} iterations on the training data in use, seed 0.",
        "zh": "TwoLayerNet 784-50-10。“简单训练过”：用书中的设置（学习率 0.1，批大小 100）在当前训练数据上训练 "
              "{iters} 次迭代，随机种子 0。"},
    "loss.seed": {"en": "Random seed", "zh": "随机种子"},
    "loss.seed_help": {"en": "The same seed draws the same mini-batches.",
                       "zh": "相同的种子抽出相同的 mini-batch。"},
    "loss.redraw": {"en": "Draw new mini-batches", "zh": "重新抽取 mini-batch"},
    "loss.training": {"en": "Training the network briefly (once per data set)…",
                      "zh": "正在简单训练网络（每个数据集只需一次）……"},
    "loss.full_loss": {"en": "Loss over all {n} training images", "zh": "全部 {n} 张训练图像上的损失"},
    "loss.untrained_note": {
        "en": "With random weights of size 0.01 the network outputs almost exactly 0.1 for every class, "
              "so every mini-batch loss is about −log 0.1 = ln 10 ≈ 2.303: there is nothing to estimate "
              "yet. Switch to the briefly trained network.",
        "zh": "权重是大小约 0.01 的随机数时，网络对每个类别的输出几乎都是 0.1，所以每个 mini-batch 的损失都约为 "
              "−log 0.1 = ln 10 ≈ 2.303，还没有什么可估计的。请切换到简单训练过的网络。"},
    "loss.chart_batches": {"en": "Mini-batch loss, {draws} random batches per batch size",
                           "zh": "mini-batch 损失，每种批大小随机抽取 {draws} 个"},
    "loss.batch_size": {"en": "batch size N", "zh": "批大小 N"},
    "loss.batch_loss": {"en": "mini-batch loss", "zh": "mini-batch 损失"},
    "loss.all_data": {"en": "all training data", "zh": "全部训练数据"},
    "loss.col_mean": {"en": "mean", "zh": "平均值"},
    "loss.col_std": {"en": "standard deviation", "zh": "标准差"},
    "loss.batch_lesson": {
        "en": "Every mini-batch gives a different loss, but they scatter around the loss over all the "
              "data. Ten times the batch size cuts the spread by about √10 ≈ 3.2: the standard "
              "deviation falls like 1/√N. A single image (N = 1) says little; 100 images already give "
              "a usable estimate at a fraction of the cost — which is why training uses mini-batches.",
        "zh": "每个 mini-batch 的损失都不同，但它们分布在全部数据的损失周围。批大小扩大 10 倍，离散程度约缩小为 "
              "1/√10 ≈ 1/3.2：标准差按 1/√N 下降。单张图像（N = 1）说明不了什么；100 张图像就能以很小的代价给出"
              "可用的估计——这就是训练使用 mini-batch 的原因。"},

    # 4.2.5 why not accuracy
    "loss.why_header": {"en": "Why optimise the loss and not the accuracy?",
                        "zh": "为什么优化损失而不是识别精度？"},
    "loss.why_explain": {
        "en": "What we really want is accuracy, so why not maximise it directly? Nudge one weight "
              "W2[j, k] of the network chosen above (from hidden unit j to class k) and watch both on "
              "a fixed batch of training images.",
        "zh": "我们真正想要的是识别精度，为什么不直接最大化它？把上面所选网络的一个权重 W2[j, k]（从隐藏单元 j "
              "到类别 k）稍作改变，在一批固定的训练图像上同时观察二者。"},
    "loss.unit": {"en": "Hidden unit j", "zh": "隐藏单元 j"},
    "loss.to_class": {"en": "Class k", "zh": "类别 k"},
    "loss.range": {"en": "Nudge range ±", "zh": "改变范围 ±"},
    "loss.nudge_batch": {"en": "Images in the fixed batch", "zh": "固定批中的图像数"},
    "loss.steepest": {"en": "Steepest weight", "zh": "最陡的权重"},
    "loss.steepest_help": {
        "en": "Chooses the W2 weight whose loss gradient (by backpropagation) on this batch is largest.",
        "zh": "选择在这批图像上损失梯度（用误差反向传播计算）绝对值最大的 W2 权重。"},
    "loss.nudge": {"en": "change of W2[{j}, {k}]", "zh": "W2[{j}, {k}] 的改变量"},
    "loss.chart_nudge_loss": {"en": "Loss: smooth", "zh": "损失：平滑"},
    "loss.chart_nudge_acc": {"en": "Accuracy: steps", "zh": "识别精度：阶梯状"},
    "loss.accuracy": {"en": "accuracy", "zh": "识别精度"},
    "loss.slope_loss": {"en": "Slope of the loss at the current weight",
                        "zh": "当前权重处损失的斜率"},
    "loss.slope_acc": {"en": "Slope of the accuracy at the current weight",
                       "zh": "当前权重处识别精度的斜率"},
    "loss.slope_help": {
        "en": "numerical_diff with h = 1e-4 (central difference), as in 4.3.",
        "zh": "用 numerical_diff 计算，h = 1e-4（中心差分），与 4.3 节相同。"},
    "loss.why_lesson": {
        "en": "Accuracy only changes when some image's most likely class flips, and then it jumps by "
              "1/{n} at once. Between jumps it is flat, so its derivative is **0 almost everywhere** "
              "(and undefined at a jump): gradient descent would get no signal which way to move. The "
              "loss moves with every tiny change of the weight, and its slope says which way is "
              "downhill. That is why learning minimises the loss.",
        "zh": "只有当某张图像概率最高的类别发生翻转时识别精度才会变化，而且一下子跳变 1/{n}。两次跳变之间它是平的，"
              "所以它的导数**几乎处处为 0**（在跳变处不存在）：梯度下降得不到任何该往哪里走的信号。损失则随权重的每一点"
              "微小变化而变化，其斜率指明了下坡的方向。这就是学习要最小化损失的原因。"},
    "loss.in_training": {
        "en": "**In training the two part ways further.** Cross-entropy's gradient with respect to the scores is "
              "simply y − t; mean squared error's is multiplied by the slope of the softmax, which is small "
              "exactly where the network is sure of a wrong answer, so those mistakes are corrected slowly. "
              "Measured with the command line on the sample (η = 0.1, batch 100, seed 0): after 400 iterations "
              "(5 epochs) cross-entropy reaches 64.10 % held-out accuracy while mean squared error is still at "
              "11.25 %, guessing; after the book's 10,000 iterations, 93.95 % against 90.65 %.",
        "zh": "**到了训练中，两者的差别更大。** 交叉熵对得分的梯度就是 y − t；均方误差的梯度却要乘上 softmax 的斜率，"
              "而网络恰恰在“十分确定却答错”的地方斜率很小，所以这类错误改得很慢。用命令行在内置样本上实测"
              "（η = 0.1，批大小 100，种子 0）：400 次迭代（5 个 epoch）后，交叉熵的留出数据精度达到 64.10%，"
              "均方误差仍停留在 11.25%，相当于瞎猜；训练完书中的 10000 次迭代后，两者分别为 93.95% 和 90.65%。"},
    "loss.to_training": {"en": "Train with mean squared error on 4.5, then with cross-entropy",
                         "zh": "到 4.5 先用均方误差训练，再换成交叉熵"},
}
