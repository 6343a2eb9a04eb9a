"""The page inside the trained network: confusion matrix, mistakes, learned weights, your handwriting, files."""
TEXT = {
    "nav.inside": {"en": "4.5+ Inside the trained network", "zh": "4.5+ 训练好的网络内部"},
    "home.inside": {
        "en": "Open a trained network: which digits it confuses, its most confident mistakes, what each "
              "hidden unit learned to look for, and what it makes of a digit you draw. Save its weights, "
              "load them again.",
        "zh": "打开一个训练好的网络看看：它把哪些数字弄混了、它最有把握的错误、每个隐藏层神经元学会了寻找什么，"
              "以及它怎么识别你亲手写的数字。还可以保存和加载它的权重。"},
    "home.inside_try": {
        "en": "Draw a 7 with and without the bar through it, then a 4 that is nearly closed at the top.",
        "zh": "分别写一个带横杠和不带横杠的 7，再写一个顶部几乎封口的 4。"},
    "inside.intro": {
        "en": "After a run the network is still a black box: one accuracy and a dozen example digits. Here it "
              "opens up — where it goes wrong and with which digits, what its hidden units learned, and how it "
              "reads your own handwriting. Choose a run of this session, the book's network, or weights from a file.",
        "zh": "训练结束后，网络仍是一个黑箱：只有一个识别精度和十几张示例图像。这一页把它打开：它在哪里出错、"
              "把哪些数字弄混、隐藏层学到了什么，以及它如何识别你自己写的数字。可以选择本次会话中的某次训练、"
              "书中的网络，或者从文件加载的权重。"},
    "inside.network": {"en": "Network", "zh": "网络"},
    "inside.run_option": {"en": "Run {id}: lr {lr}, batch {batch}, hidden {hidden}",
                          "zh": "第 {id} 次训练：学习率 {lr}，批大小 {batch}，隐藏层 {hidden}"},
    "inside.book_option": {"en": "The book's network (784-50-10, 10,000 iterations)",
                           "zh": "书中的网络（784-50-10，10000 次迭代）"},
    "inside.file_option": {"en": "From the file {name}", "zh": "来自文件 {name}"},
    "inside.no_network": {
        "en": "No network yet. Train one on the 4.5 page, or train the book's network here: 784-50-10, lr 0.1, "
              "batch 100, 10,000 iterations, seed 0 — about 5 seconds, done once for everyone on this server.",
        "zh": "还没有网络。可以在 4.5 页训练一个，或者在这里训练书中的网络：784-50-10，学习率 0.1，批大小 100，"
              "10000 次迭代，种子 0——大约 5 秒，本服务器上所有人共用这一次训练的结果。"},
    "inside.train_book": {"en": "Train the book's network", "zh": "训练书中的网络"},
    "inside.training_book": {"en": "Training the book's network (10,000 iterations)…",
                             "zh": "正在训练书中的网络（10000 次迭代）……"},
    "inside.describe": {
        "en": "{sizes} · {iters} iterations (lr {lr}, batch {batch}, seed {seed}) · {acc} of the {test} "
              "held-out digits right",
        "zh": "{sizes} · {iters} 次迭代（学习率 {lr}，批大小 {batch}，种子 {seed}）· {test} 张留出图像中识别正确 {acc}"},
    "inside.describe_plain": {"en": "{sizes} · {acc} of the {test} held-out digits right",
                              "zh": "{sizes} · {test} 张留出图像中识别正确 {acc}"},
    "inside.data_note": {
        "en": "Everything below is measured on the {test} held-out digits of the {data}, which the network "
              "never trained on.",
        "zh": "下面的一切都在{data}的 {test} 张留出图像上测得，网络训练时从未见过它们。"},
    "inside.dropped": {
        "en": "{count} older runs of this session no longer keep their weights (a session keeps at most 8 MB of "
              "them); the 4.5 page still compares them.",
        "zh": "本次会话中较早的 {count} 次训练已不再保留权重（每个会话最多保留 8 MB 权重）；4.5 页仍可比较它们。"},
    "inside.download": {"en": "Download weights", "zh": "下载权重"},
    "inside.download_help": {
        "en": "W1, b1, W2, b2 and a small JSON of the settings and accuracy. Load the file here again later, or "
              "in Python: TwoLayerNet(784, 1, 10).load_params(path).",
        "zh": "包含 W1、b1、W2、b2 以及记录设置和精度的一小段 JSON。之后可以在这里重新加载，"
              "也可以在 Python 中用 TwoLayerNet(784, 1, 10).load_params(path) 读取。"},
    "inside.load_heading": {"en": "Load weights from a file", "zh": "从文件加载权重"},
    "inside.upload_weights": {"en": "Weights file (.npz, at most 5 MB)", "zh": "权重文件（.npz，最大 5 MB）"},
    "inside.loaded": {"en": "Loaded {name}: a {sizes} network, now selected above.",
                      "zh": "已加载 {name}：一个 {sizes} 网络，已在上方选中。"},
    "inside.load_failed": {"en": "{name} was not loaded: {reason} The network shown stays as it was.",
                           "zh": "未能加载 {name}：{reason}当前显示的网络保持不变。"},
    "inside.weights_empty": {"en": "the file is empty.", "zh": "文件是空的。"},
    "inside.weights_too_large": {"en": "the file is {size_mb:.1f} MB, more than the {limit_mb:.0f} MB allowed.",
                                 "zh": "文件有 {size_mb:.1f} MB，超过了允许的 {limit_mb:.0f} MB。"},
    "inside.weights_not_npz": {"en": "it is not an .npz file (a zip of NumPy arrays).",
                               "zh": "它不是 .npz 文件（由 NumPy 数组组成的 zip 压缩包）。"},
    "inside.weights_missing": {"en": "the arrays {names} are missing.", "zh": "缺少数组 {names}。"},
    "inside.weights_extra": {"en": "it holds an array “{name}”; a weights file holds only W1, b1, W2, b2 and meta.",
                             "zh": "其中有一个数组“{name}”；权重文件只能包含 W1、b1、W2、b2 和 meta。"},
    "inside.weights_pickled": {
        "en": "{name} holds Python objects (pickled data), which are never loaded: they could run code.",
        "zh": "{name} 中保存的是 Python 对象（pickle 数据），出于安全考虑绝不加载：它们可能执行代码。"},
    "inside.weights_dtype": {"en": "{name} holds {dtype} values; weights must be floating-point numbers.",
                             "zh": "{name} 中是 {dtype} 类型的值；权重必须是浮点数。"},
    "inside.weights_shape": {"en": "{name} has shape {shape}; it must be {expected}.",
                             "zh": "{name} 的形状是 {shape}，应当是 {expected}。"},
    "inside.weights_sizes": {"en": "{name} has shape {shape}, which does not fit W1: it must be {expected}.",
                             "zh": "{name} 的形状是 {shape}，与 W1 不匹配：应当是 {expected}。"},
    "inside.weights_hidden_limit": {"en": "it has {hidden} hidden units; this server allows at most {limit}.",
                                    "zh": "它有 {hidden} 个隐藏层神经元；本服务器最多允许 {limit} 个。"},
    "inside.weights_bomb": {
        "en": "once unpacked it would take {declared_mb:,.0f} MB, far more than any network allowed here "
              "({limit_mb:.1f} MB). It was not unpacked.",
        "zh": "解压后将占用 {declared_mb:,.0f} MB，远超本站允许的任何网络所需（{limit_mb:.1f} MB）。文件没有被解压。"},
    "inside.weights_corrupt": {"en": "{name} is damaged or cut short.", "zh": "{name} 已损坏或不完整。"},
    "inside.weights_nonfinite": {"en": "{name} holds values that are not finite numbers (NaN or infinity).",
                                 "zh": "{name} 中有不是有限数的值（NaN 或无穷大）。"},
    "inside.weights_unreadable": {"en": "the file could not be read.", "zh": "无法读取该文件。"},
    "inside.weights_meta": {"en": "its settings (meta) are not valid: {what}.",
                            "zh": "其中的设置信息（meta）无效：{what}。"},
    "inside.view": {"en": "Show", "zh": "查看"},
    "inside.view_confusion": {"en": "Confusion matrix", "zh": "混淆矩阵"},
    "inside.view_mistakes": {"en": "Mistakes", "zh": "识别错误"},
    "inside.view_weights": {"en": "Learned weights", "zh": "学到的权重"},
    "inside.view_draw": {"en": "Your handwriting", "zh": "你的手写数字"},
    "inside.confusion_text": {
        "en": "Each row is a true digit, each column the network's answer. The diagonal counts the right answers; "
              "every other cell is one kind of mistake, coloured by how often it happens. Click a cell, or choose "
              "it below, to see exactly those images.",
        "zh": "每一行是真实的数字，每一列是网络的回答。对角线上是答对的数量；其余每个格子是一种错误，颜色越深表示越常见。"
              "点击一个格子（或在下方选择）即可看到对应的那些图像。"},
    "inside.norm": {"en": "Share of each true digit (row-normalised)", "zh": "按真实数字的占比显示（行归一化）"},
    "inside.axis_true": {"en": "true digit", "zh": "真实数字"},
    "inside.axis_pred": {"en": "network's answer", "zh": "网络的回答"},
    "inside.axis_count": {"en": "images", "zh": "图像数"},
    "inside.axis_share": {"en": "share of the row", "zh": "占该行比例"},
    "inside.axis_true_accuracy": {"en": "true digit · its accuracy", "zh": "真实数字 · 识别精度"},
    "inside.axis_digit": {"en": "digit", "zh": "数字"},
    "inside.axis_probability": {"en": "probability", "zh": "概率"},
    "inside.worst_pair": {"en": "Its most frequent mistake: a {true} read as {pred} ({count} times).",
                          "zh": "它最常犯的错误：把 {true} 认成 {pred}（{count} 次）。"},
    "inside.pick_true": {"en": "True digit", "zh": "真实数字"},
    "inside.pick_pred": {"en": "Answered", "zh": "网络回答"},
    "inside.cell_caption": {
        "en": "{count} images of a {true} answered {pred}, most confident first; beside each, the network's "
              "probability for {pred}.",
        "zh": "{count} 张被回答为 {pred} 的 {true}，按把握从高到低排列；每张图旁边是网络给出 {pred} 的概率。"},
    "inside.cell_caption_more": {
        "en": "The {shown} most confident of {count} images of a {true} answered {pred}; beside each, the "
              "network's probability for {pred}.",
        "zh": "{count} 张被回答为 {pred} 的 {true} 中把握最高的 {shown} 张；每张图旁边是网络给出 {pred} 的概率。"},
    "inside.cell_empty": {"en": "No {true} was answered {pred}.", "zh": "没有哪张 {true} 被回答为 {pred}。"},
    "inside.mistakes_heading": {"en": "The most confident mistakes", "zh": "最有把握的错误"},
    "inside.mistakes_text": {
        "en": "{wrong} of the {total} digits are answered wrongly; here are the ones the network was surest of. "
              "Above each image: true digit → answer; beside it, the three most probable digits. Some are badly "
              "written, and a few labels are themselves debatable.",
        "zh": "{total} 张图像中有 {wrong} 张回答错误；这里是网络最有把握的那些。每张图上方：真实数字 → 回答；"
              "右侧是概率最高的三个数字。有些是字写得太潦草，也有少数标签本身就值得商榷。"},
    "inside.no_mistakes": {"en": "No mistakes on these digits.", "zh": "这些图像没有一张认错。"},
    "inside.unsure_heading": {"en": "The least confident right answers", "zh": "最没把握的正确回答"},
    "inside.unsure_text": {
        "en": "Right, but only just: the top probability is low, and the runner-up shows which digit it almost said.",
        "zh": "答对了，但很勉强：最高的概率也不高，排第二的数字显示它差点说成什么。"},
    "inside.weights_heading": {"en": "What the hidden units look for", "zh": "隐藏层神经元在寻找什么"},
    "inside.weights_text": {
        "en": "Each tile is one hidden unit's 784 incoming weights (a column of W1), laid out as the 28×28 image "
              "they multiply. Where a red pixel meets ink the unit is pushed on, where a blue one does it is pushed "
              "off: each tile is the pattern of strokes its unit looks for — often part of a digit (a loop, a bar, a "
              "slanted edge) rather than a whole one. The frame keeps its initial noise: those pixels are blank in "
              "every training image, so their weights never receive a gradient.",
        "zh": "每个小方块是一个隐藏层神经元的 784 个输入权重（W1 的一列），按它们所乘的 28×28 像素排列。"
              "红色像素处有笔画时会激活该神经元，蓝色像素处有笔画时则抑制它：每个方块就是这个神经元要寻找的笔画模式——"
              "往往是数字的一部分（一个圈、一道横、一条斜边），而不是整个数字。边框一圈仍保留初始的随机噪声："
              "这些像素在所有训练图像中都是空白，它们的权重从未得到梯度。"},
    "inside.before": {"en": "Before training (the same seed gives the same initial weights)",
                      "zh": "训练前（相同的种子给出相同的初始权重）"},
    "inside.after": {"en": "After training", "zh": "训练后"},
    "inside.scale": {
        "en": "One colour scale for both: blue −{v} · white 0 · red +{v} (larger weights take the end colours).",
        "zh": "两组使用同一色标：蓝色 −{v} · 白色 0 · 红色 +{v}（更大的权重显示为两端的颜色）。"},
    "inside.own_scale": {"en": "Scale each grid on its own", "zh": "两组各用自己的色标"},
    "inside.own_scale_help": {
        "en": "The initial weights are tiny (std 0.01): on the trained weights' scale they look blank. On their own "
              "scale their random noise shows.",
        "zh": "初始权重非常小（标准差 0.01）：按训练后权重的色标几乎看不出来；用各自的色标就能看到其中的随机噪声。"},
    "inside.scale_each": {
        "en": "Each grid on its own colour scale: after ±{after}, before ±{before} (blue negative, white 0, red positive).",
        "zh": "两组各用自己的色标：训练后 ±{after}，训练前 ±{before}（蓝色为负，白色为 0，红色为正）。"},
    "inside.first_100": {"en": "The first 100 of {hidden} hidden units.", "zh": "只显示 {hidden} 个隐藏层神经元中的前 100 个。"},
    "inside.no_before": {
        "en": "The initial weights of this file are unknown (its settings do not give the seed), so only the "
              "trained ones are shown.",
        "zh": "这个文件没有记录随机种子，无法得知初始权重，因此只显示训练后的权重。"},
    "inside.draw_text": {
        "en": "Draw one digit with the mouse or a finger. It is prepared the way MNIST's digits were: cropped to the "
              "ink, scaled so that its longer side is 20 pixels, and centred by its centre of mass in 28×28 — the "
              "image in the middle is exactly what the network sees.",
        "zh": "用鼠标或手指写一个数字。它会像 MNIST 的数字那样被处理：裁剪到笔迹所在的范围，缩放到较长的一边为 20 像素，"
              "再按重心放到 28×28 的中央——中间那张图就是网络实际看到的输入。"},
    "inside.clear": {"en": "Clear", "zh": "清空"},
    "inside.draw_hint": {"en": "Draw a digit in the box to see what the network answers.",
                         "zh": "在方框里写一个数字，看看网络怎么回答。"},
    "inside.seen": {"en": "What the network sees (28×28)", "zh": "网络看到的输入（28×28）"},
    "inside.answer": {"en": "The network reads a **{digit}** ({p}).", "zh": "网络认为这是 **{digit}**（{p}）。"},
    "inside.upload_image": {"en": "Or upload a photo or scan of one digit (PNG or JPEG, at most 1 MB)",
                            "zh": "或者上传一张单个数字的照片或扫描图（PNG 或 JPEG，最大 1 MB）"},
    "inside.image_blank": {"en": "No digit found in this image: it looks blank.",
                           "zh": "这张图里没有找到数字：看起来是空白的。"},
    "inside.image_failed": {"en": "{name} cannot be used: {reason}", "zh": "无法使用 {name}：{reason}"},
    "inside.image_empty": {"en": "the file is empty.", "zh": "文件是空的。"},
    "inside.image_too_large": {"en": "the file is {size_mb:.1f} MB, more than the 1 MB allowed.",
                               "zh": "文件有 {size_mb:.1f} MB，超过了允许的 1 MB。"},
    "inside.image_not_image": {"en": "it is not a PNG or JPEG image.", "zh": "它不是 PNG 或 JPEG 图像。"},
    "inside.image_too_many_pixels": {
        "en": "it is {width:,} × {height:,} pixels, more than the {limit:,} megapixels allowed here. It was not decoded.",
        "zh": "它有 {width:,} × {height:,} 像素，超过了本站允许的 {limit:,} 百万像素。图像没有被解码。"},
    "inside.image_bomb": {"en": "it declares an enormous image, far beyond the {limit:,} megapixels allowed here. "
                                "It was not decoded.",
                          "zh": "它声明的图像尺寸极大，远超本站允许的 {limit:,} 百万像素。图像没有被解码。"},
    "inside.image_broken": {"en": "the image is damaged or cut short.", "zh": "图像已损坏或不完整。"},
    "inside.image_note_animated": {"en": "An animated image: its first frame is used.",
                                   "zh": "这是一张动图：只使用第一帧。"},
    "inside.image_note_deep": {"en": "A 16-bit image: its gray levels were scaled to 8 bits.",
                               "zh": "这是一张 16 位图像：灰度已按比例换算为 8 位。"},
    "inside.image_note_transparent": {"en": "A transparent image: it was placed on a {background} background.",
                                      "zh": "这是一张透明图像：已放在{background}背景上。"},
    "inside.data_sample": {"en": "embedded sample", "zh": "内置样本"},
    "inside.data_full": {"en": "full MNIST test set", "zh": "完整 MNIST 测试集"},
    "inside.white": {"en": "white", "zh": "白色"},
    "inside.black": {"en": "black", "zh": "黑色"},
}
