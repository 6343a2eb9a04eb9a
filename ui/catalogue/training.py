"""The training page: mini-batch SGD on MNIST, live, and runs compared."""
TEXT = {
    "training.intro": {
        "en": "Everything comes together here. Each **iteration** draws a random **mini-batch** of "
              "training images, computes the gradient of the loss by backpropagation, and moves every "
              "weight a small step (the **learning rate** η) downhill. Once per **epoch** — as many "
              "iterations as it takes to draw as many images as the training set holds — the network's "
              "accuracy is measured on the training images and on held-out images it never learns from. "
              "If the two stay close, the network generalises; if training accuracy runs away from test "
              "accuracy, it is overfitting.",
        "zh": "这里把前面的内容串起来。每一次**迭代**都从训练数据中随机抽取一个 **mini-batch**，用误差反向传播"
              "求出损失函数的梯度，再把每个权重沿梯度的反方向移动一小步（步长即**学习率** η）。每过一个 "
              "**epoch**（抽取的图像总数等于训练集大小所需的迭代次数），就分别在训练图像和从不参与学习的留出图像上"
              "测一次识别精度。两者接近说明网络具有泛化能力；训练精度远高于测试精度，则说明发生了过拟合。"},
    "training.hidden": {"en": "Hidden units", "zh": "隐藏层神经元数"},
    "training.hidden_help": {"en": "Size of the hidden layer (the book uses 50).",
                             "zh": "隐藏层的大小（书中为 50）。"},
    "training.std": {"en": "Weight init std", "zh": "权重初始化标准差"},
    "training.std_help": {"en": "Initial weights are Gaussian with this standard deviation (the book: 0.01).",
                          "zh": "初始权重服从以此为标准差的高斯分布（书中为 0.01）。"},
    "training.lr": {"en": "Learning rate η", "zh": "学习率 η"},
    "training.lr_help": {"en": "Step size of each update (the book: 0.1). Too large and the loss diverges.",
                         "zh": "每次更新的步长（书中为 0.1）。过大时损失会发散。"},
    "training.batch": {"en": "Mini-batch size", "zh": "mini-batch 大小"},
    "training.batch_help": {"en": "Images per iteration (the book: 100).", "zh": "每次迭代使用的图像数（书中为 100）。"},
    "training.length": {"en": "Run length in", "zh": "训练长度单位"},
    "training.mode_iters": {"en": "iterations", "zh": "迭代"},
    "training.mode_epochs": {"en": "epochs", "zh": "epoch"},
    "training.iters": {"en": "Iterations", "zh": "迭代次数"},
    "training.epochs": {"en": "Epochs", "zh": "epoch 数"},
    "training.seed": {"en": "Seed", "zh": "随机种子"},
    "training.seed_help": {"en": "Same seed and settings, same run: initial weights and mini-batches repeat.",
                           "zh": "种子和设置相同，训练过程就完全相同：初始权重与每个 mini-batch 都会重现。"},
    "training.epoch_def": {
        "en": "One epoch = training images ÷ batch size = {train} ÷ {batch} → {per_epoch} iterations "
              "(rounded up). This run: {iters} iterations ≈ {epochs} epochs.",
        "zh": "1 个 epoch = 训练图像数 ÷ 批大小 = {train} ÷ {batch} → {per_epoch} 次迭代（向上取整）。"
              "本次训练：{iters} 次迭代 ≈ {epochs} 个 epoch。"},
    "training.batch_too_big": {
        "en": "The mini-batch ({batch}) is larger than the training set ({train} images). Choose at most {train}.",
        "zh": "mini-batch（{batch}）比训练集（{train} 张图像）还大。请选择不超过 {train} 的值。"},
    "training.batch_over_limit": {
        "en": "A mini-batch of {batch} images is more than this server allows ({limit}). Choose a smaller one.",
        "zh": "{batch} 张图像的 mini-batch 超过了本服务器的上限（{limit}）。请选择更小的值。"},
    "training.too_many_iters": {
        "en": "{iters} iterations is more than this server allows per run ({limit}). Choose fewer "
              "iterations or epochs.",
        "zh": "{iters} 次迭代超过了本服务器每次训练的上限（{limit}）。请减少迭代次数或 epoch 数。"},
    "training.server_limits": {
        "en": "This server's limits: at most {iters} iterations per run, {hidden} hidden units and "
              "mini-batches of {batch}; runs training at once: {runs} (others wait their turn).",
        "zh": "本服务器的限制：每次训练最多 {iters} 次迭代、{hidden} 个隐藏层神经元、mini-batch 最大 {batch}，"
              "同时最多 {runs} 个训练（其余排队等候）。"},
    "training.start": {"en": "Start training", "zh": "开始训练"},
    "training.stop": {"en": "Stop", "zh": "停止"},
    "training.start_failed": {"en": "The run could not start: {detail}", "zh": "无法开始训练：{detail}"},
    "training.queued": {
        "en": "The server is busy ({active} runs in progress). Your run is queued and starts as soon as "
              "one finishes; your settings are kept.",
        "zh": "服务器正忙（{active} 个训练正在进行）。你的训练已排队，有空位后会自动开始；设置不会丢失。"},
    "training.run_error": {
        "en": "The last run ended unexpectedly; what it had learned is kept below. Please try again.",
        "zh": "上一次训练意外中止；已学到的结果保留在下方。请再试一次。"},
    "training.nothing_yet": {"en": "No run yet: choose the settings and press Start.",
                             "zh": "还没有训练记录：选择设置后点击“开始训练”。"},
    "training.progress": {"en": "Run {id}: iteration {done} of {planned}", "zh": "第 {id} 次训练：第 {done} / {planned} 次迭代"},
    "training.m_epoch": {"en": "Epoch", "zh": "epoch"},
    "training.m_loss": {"en": "Loss (recent mean)", "zh": "损失（近期均值）"},
    "training.m_train": {"en": "Train accuracy", "zh": "训练精度"},
    "training.m_test": {"en": "Test accuracy", "zh": "测试精度"},
    "training.m_time": {"en": "Training time", "zh": "训练用时"},
    "training.axis_iter": {"en": "iteration", "zh": "迭代次数"},
    "training.axis_loss": {"en": "mini-batch loss", "zh": "mini-batch 损失"},
    "training.axis_epoch": {"en": "epoch", "zh": "epoch"},
    "training.axis_accuracy": {"en": "accuracy", "zh": "识别精度"},
    "training.axis_split": {"en": "measured on", "zh": "测量数据"},
    "training.axis_train": {"en": "training images", "zh": "训练图像"},
    "training.axis_test": {"en": "held-out test images", "zh": "留出的测试图像"},
    "training.axis_run": {"en": "run", "zh": "训练"},
    "training.axis_train_acc": {"en": "train accuracy", "zh": "训练精度"},
    "training.axis_test_acc": {"en": "test accuracy", "zh": "测试精度"},
    "training.done_finished": {
        "en": "Run {id} finished: test accuracy {test} after {iters} iterations ({seconds} s).",
        "zh": "第 {id} 次训练完成：{iters} 次迭代后测试精度为 {test}（{seconds} 秒）。"},
    "training.done_stopped": {
        "en": "Run {id} stopped after {iters} iterations; what it learned is kept (test accuracy {test}).",
        "zh": "第 {id} 次训练在第 {iters} 次迭代后停止；已学到的结果被保留（测试精度 {test}）。"},
    "training.done_diverged": {
        "en": "Run {id} diverged: the loss stopped being a finite number at iteration {at}. The learning "
              "rate is too large for these settings — try a smaller one. The run is kept up to that point.",
        "zh": "第 {id} 次训练发散了：在第 {at} 次迭代时损失不再是有限的数。对这些设置来说学习率太大了，"
              "请换一个更小的学习率。发散之前的记录已保留。"},
    "training.status_finished": {"en": "finished", "zh": "已完成"},
    "training.status_stopped": {"en": "stopped", "zh": "已停止"},
    "training.status_diverged": {"en": "diverged", "zh": "已发散"},
    "training.status_running": {"en": "running", "zh": "进行中"},
    "training.status_failed": {"en": "ended by an error", "zh": "因错误中止"},
    "training.compare": {"en": "Runs compared", "zh": "训练对比"},
    "training.compare_intro": {
        "en": "Every finished or stopped run of this session is kept here. Change one setting at a time — "
              "the learning rate, then the batch size — and compare the curves: a larger learning rate "
              "learns faster until it overshoots; a larger batch gives a smoother loss but fewer updates "
              "per epoch.",
        "zh": "本次会话中所有完成或停止的训练都保留在这里。每次只改一个设置（先改学习率，再改批大小），"
              "然后比较曲线：学习率越大学得越快，直到步子大到越过最低点；批越大损失曲线越平滑，但每个 epoch 的更新次数越少。"},
    "training.run_label": {"en": "#{id}: lr {lr}, batch {batch}, hidden {hidden}",
                           "zh": "#{id}：学习率 {lr}，批大小 {batch}，隐藏层 {hidden}"},
    "training.metric": {"en": "Accuracy on", "zh": "精度类型"},
    "training.col_run": {"en": "run", "zh": "训练"},
    "training.col_lr": {"en": "lr", "zh": "学习率"},
    "training.col_batch": {"en": "batch", "zh": "批大小"},
    "training.col_hidden": {"en": "hidden", "zh": "隐藏层"},
    "training.col_std": {"en": "init std", "zh": "初始化标准差"},
    "training.col_seed": {"en": "seed", "zh": "种子"},
    "training.col_iters": {"en": "iterations", "zh": "迭代次数"},
    "training.col_epochs": {"en": "epochs", "zh": "epoch"},
    "training.col_train": {"en": "train acc.", "zh": "训练精度"},
    "training.col_test": {"en": "test acc.", "zh": "测试精度"},
    "training.col_seconds": {"en": "seconds", "zh": "秒"},
    "training.col_status": {"en": "status", "zh": "状态"},
    "training.col_data": {"en": "data", "zh": "数据"},
    "training.csv_runs": {"en": "Download runs (CSV)", "zh": "下载训练记录（CSV）"},
    "training.csv_curves": {"en": "Download accuracy per epoch (CSV)", "zh": "下载每个 epoch 的精度（CSV）"},
    "training.clear": {"en": "Clear runs", "zh": "清空记录"},
    "training.kept": {"en": "The latest {cap} runs are kept.", "zh": "最多保留最近 {cap} 次训练。"},
    "training.examples": {"en": "Test images and the latest network's answers",
                          "zh": "测试图像与最新网络的识别结果"},
    "training.examples_intro": {
        "en": "Misclassified images first: the network got {wrong} of {total} test images wrong.",
        "zh": "先显示识别错误的图像：网络在 {total} 张测试图像中错了 {wrong} 张。"},
    "training.example_caption": {"en": "{mark} label {label} → {guess}", "zh": "{mark} 标签 {label} → {guess}"},
    "training.loss": {"en": "Loss", "zh": "损失函数"},
    "training.loss_cross_entropy": {"en": "cross-entropy", "zh": "交叉熵误差"},
    "training.loss_mean_squared_error": {"en": "mean squared error", "zh": "均方误差"},
    "training.loss_help": {
        "en": "What training makes smaller: the book's cross-entropy, or the mean squared error of the "
              "softmax output. Both are averaged over the mini-batch.",
        "zh": "训练要减小的量：书中使用的交叉熵误差，或 softmax 输出的均方误差。两者都对 mini-batch 取平均。"},
    "training.short_loss": {"en": "loss", "zh": "损失"},
    "training.short_lr": {"en": "lr", "zh": "学习率"},
    "training.short_batch": {"en": "batch", "zh": "批大小"},
    "training.short_hidden": {"en": "hidden", "zh": "隐藏层"},
    "training.short_std": {"en": "init std", "zh": "初始标准差"},
    "training.short_iters": {"en": "iterations", "zh": "迭代"},
    "training.short_data": {"en": "data", "zh": "数据"},
    "training.short_seed": {"en": "seed", "zh": "种子"},
    "training.loss_short_cross_entropy": {"en": "cross-entropy", "zh": "交叉熵"},
    "training.loss_short_mean_squared_error": {"en": "MSE", "zh": "均方误差"},
    "training.data_short_sample": {"en": "sample", "zh": "内置样本"},
    "training.data_short_full": {"en": "full MNIST", "zh": "完整 MNIST"},
    "training.n_seeds": {"en": "mean of {n} seeds", "zh": "{n} 个种子的均值"},
    "training.n_runs": {"en": "mean of {n} runs", "zh": "{n} 次训练的均值"},
    "training.done_not_learned": {
        "en": "Run {id} ran all {iters} iterations but did not learn: its test accuracy, {test}, is close to "
              "what guessing gets ({chance}).",
        "zh": "第 {id} 次训练跑完了全部 {iters} 次迭代，但没有学会：测试精度只有 {test}，和瞎猜（{chance}）差不多。"},
    "training.done_not_learned_rose": {
        "en": "Run {id} ran all {iters} iterations but did not learn: its loss ended higher than it began "
              "({first} → {last}); test accuracy {test}.",
        "zh": "第 {id} 次训练跑完了全部 {iters} 次迭代，但没有学会：损失最后比一开始还高（{first} → {last}），"
              "测试精度 {test}。"},
    "training.why_overshoot": {
        "en": "**The steps are too large.** With η = {lr}, each update jumps over the valley the gradient "
              "points into and lands higher up on the other side, so the loss wanders instead of falling "
              "(the same as on the gradient page with lr = 10). Try η = {smaller}, ten times smaller.",
        "zh": "**步子太大了。** 学习率 η = {lr} 时，每次更新都越过梯度所指的谷底，落在对面更高的地方，"
              "所以损失来回游荡而不下降（和梯度页面上 lr = 10 的情形一样）。试试 η = {smaller}，小十倍。"},
    "training.why_saturated": {
        "en": "**The initial weights are too large.** With init std {std}, {share} of the hidden sigmoids "
              "start flat: their input is beyond ±5, where the slope is under 3 % of its peak, so almost "
              "no gradient flows back through them. Try init std {book}, the book's.",
        "zh": "**初始权重太大了。** 初始化标准差为 {std} 时，{share} 的隐藏层 sigmoid 一开始就处在平坦区："
              "它们的输入超出了 ±5，斜率不到峰值的 3%，几乎没有梯度能反向传回去。试试书中的标准差 {book}。"},
    "training.why_too_slow": {
        "en": "**The steps are too small, or too few.** In {iters} iterations with η = {lr} the loss only "
              "went from {first} to {last}. Try a larger learning rate (the book's is 0.1) or more iterations.",
        "zh": "**步子太小，或者步数太少。** 学习率 η = {lr}、{iters} 次迭代下，损失只从 {first} 降到 {last}。"
              "试试更大的学习率（书中为 0.1），或者更多的迭代次数。"},
    "training.status_did_not_learn": {"en": "did not learn", "zh": "没有学会"},
    "training.cause_overshoot": {"en": "steps too large", "zh": "步子太大"},
    "training.cause_saturated": {"en": "initial weights too large", "zh": "初始权重太大"},
    "training.cause_too_slow": {"en": "steps too small or too few", "zh": "步子太小或太少"},
    "training.col_loss": {"en": "loss", "zh": "损失函数"},
    "training.col_why": {"en": "likely cause", "zh": "可能的原因"},
    "training.paused": {
        "en": "This run lost its page (a reload or a closed tab) and is waiting for it without using the "
              "server. It goes on as soon as the page is back.",
        "zh": "这次训练失去了它的页面（刷新或关闭了标签页），正在不占用服务器的情况下等待页面回来，回来后立即继续。"},
    "training.shown": {"en": "Runs shown", "zh": "显示的训练"},
    "training.shown_help": {
        "en": "Choose the runs to compare. The labels name only what differs between the runs shown.",
        "zh": "选择要比较的训练。标签只写出所显示的训练之间不同的设置。"},
    "training.average": {"en": "Average runs that differ only by seed", "zh": "对只有种子不同的训练取平均"},
    "training.average_help": {
        "en": "Runs with the same settings and different seeds are drawn as one line, their mean, with a "
              "band from the lowest to the highest run: how much of a difference is luck.",
        "zh": "设置相同、只有种子不同的训练画成一条线（它们的均值），阴影带从最低的一次到最高的一次："
              "看看差别中有多少是运气。"},
    "training.nothing_shown": {"en": "No run is chosen: pick some above.", "zh": "没有选择任何训练：请在上方选择。"},
    "training.colour_by": {
        "en": "Only {setting} differs between these runs: the colours go from its smallest value (dark) to "
              "its largest (yellow).",
        "zh": "这些训练之间只有{setting}不同：颜色从最小值（深色）渐变到最大值（黄色）。"},
    "training.series": {"en": "Show a series:", "zh": "显示一组对比："},
    "training.series_lr": {"en": "learning rates ({n} runs)", "zh": "学习率（{n} 次训练）"},
    "training.series_batch_size": {"en": "batch sizes ({n} runs)", "zh": "批大小（{n} 次训练）"},
    "training.series_hidden_size": {"en": "hidden sizes ({n} runs)", "zh": "隐藏层大小（{n} 次训练）"},
    "training.series_weight_init_std": {"en": "init stds ({n} runs)", "zh": "初始化标准差（{n} 次训练）"},
    "training.series_loss_function": {"en": "loss functions ({n} runs)", "zh": "损失函数（{n} 次训练）"},
    "training.series_seed": {"en": "seeds ({n} runs)", "zh": "种子（{n} 次训练）"},
    "training.series_all": {"en": "all runs", "zh": "全部训练"},
}
