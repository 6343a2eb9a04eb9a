"""The sweep page: learning rate x batch size, every cell a full training run."""
TEXT = {
    "sweep.intro": {
        "en": "One run tells you how one setting went. Here every cell of the grid is a full training run of "
              "the same two-layer network (the training page's engine), repeated with several seeds, so that "
              "you see at a glance which learning rates and batch sizes learn, which are too slow, and which "
              "overshoot — and whether that depends on the loss.",
        "zh": "一次训练只能说明一种设置的结果。这里网格中的每一格都是同一个两层网络的一次完整训练"
              "（与训练页使用同一个引擎），并用多个随机种子重复，于是一眼就能看出哪些学习率和批大小学得好、"
              "哪些太慢、哪些步子太大冲过了头——以及这是否取决于损失函数。"},
    "sweep.grid_header": {"en": "The grid", "zh": "网格设置"},
    "sweep.lrs": {"en": "Learning rates η", "zh": "学习率 η"},
    "sweep.batches": {"en": "Mini-batch sizes", "zh": "mini-batch 大小"},
    "sweep.losses": {"en": "Losses", "zh": "损失函数"},
    "sweep.seeds": {"en": "Seeds per cell", "zh": "每格的随机种子数"},
    "sweep.seeds_help": {
        "en": "Each cell is trained with seeds 0, 1, …: different initial weights and mini-batches. "
              "The spread over seeds shows how much of a difference is luck.",
        "zh": "每一格分别用种子 0、1、……训练：初始权重和 mini-batch 各不相同。"
              "种子之间的差异说明了结果中有多少是运气。"},
    "sweep.budget": {"en": "Each run lasts", "zh": "每次训练的长度"},
    "sweep.budget_epochs": {"en": "epochs (the same data seen)", "zh": "按 epoch（看过的数据一样多）"},
    "sweep.budget_iters": {"en": "iterations (the same number of updates)", "zh": "按迭代次数（更新次数一样多）"},
    "sweep.epochs": {"en": "Epochs per run", "zh": "每次训练的 epoch 数"},
    "sweep.iters": {"en": "Iterations per run", "zh": "每次训练的迭代次数"},
    "sweep.loss_cross_entropy": {"en": "cross-entropy", "zh": "交叉熵误差"},
    "sweep.loss_mean_squared_error": {"en": "mean squared error", "zh": "均方误差"},
    "sweep.need_one": {
        "en": "Choose at least one learning rate, one batch size and one loss.",
        "zh": "请至少选择一个学习率、一个批大小和一种损失函数。"},
    "sweep.batch_too_big": {
        "en": "A mini-batch of {batch} is larger than the training set ({train} images): leave it out.",
        "zh": "mini-batch 大小 {batch} 超过了训练集（{train} 张图像），请去掉它。"},
    "sweep.size": {
        "en": "{cells} runs = learning rates ({lrs}) × batch sizes ({batches}) × seeds ({seeds}) × losses "
              "({losses}); {images} images drawn in all.",
        "zh": "共 {cells} 次训练 = {lrs} 个学习率 × {batches} 个批大小 × {seeds} 个种子 × {losses} 种损失函数；"
              "总共抽取 {images} 张图像。"},
    "sweep.not_yet": {
        "en": "This grid has not been computed on this server yet. Computing it runs every cell in the "
              "background; whoever opens the same grid afterwards, now or later, sees the same result.",
        "zh": "本服务器还没有计算过这个网格。计算会在后台逐格训练；之后任何人打开同一个网格，"
              "都能看到同一份结果。"},
    "sweep.compute": {"en": "Compute this grid", "zh": "计算这个网格"},
    "sweep.too_big": {
        "en": "This grid is more than this server computes: {cells} runs and {images} images drawn (its limits: "
              "{max_cells} runs, {max_images} images, {max_iters} iterations per run). Run it on your own "
              "computer with the command below; on a Dask cluster, add `--dask` and the scheduler's address "
              "(`--dask tcp://HOST:8786`). To show the result here, put the file in the folder named by "
              "`DLFS_SWEEP_DIR` on the server.",
        "zh": "这个网格超出了本服务器的计算上限：{cells} 次训练、共抽取 {images} 张图像（上限为 {max_cells} 次训练、"
              "{max_images} 张图像、每次训练 {max_iters} 次迭代）。请用下面的命令在你自己的电脑上运行；"
              "若在 Dask 集群上运行，再加上 `--dask` 和调度器地址（`--dask tcp://HOST:8786`）。"
              "要在这里显示结果，请把生成的文件放进服务器上 `DLFS_SWEEP_DIR` 指定的文件夹。"},
    "sweep.progress": {
        "en": "Computing on this server: {done} of {total} runs (worker processes: {workers}; about {eta} left). "
              "Everyone who opens this grid watches the same computation.",
        "zh": "正在本服务器上计算：已完成 {done} / {total} 次训练（{workers} 个工作进程，约剩 {eta}）。"
              "所有打开这个网格的人看到的都是同一次计算。"},
    "sweep.queued": {
        "en": "Waiting for room on the server (another grid, or everyone's own training runs, are using it). "
              "The computation starts by itself; {done} of {total} runs are done.",
        "zh": "正在等待服务器空闲（另一个网格或大家自己的训练正在占用）。计算会自动开始；"
              "已完成 {done} / {total} 次训练。"},
    "sweep.stopped": {
        "en": "The computation paused because nobody was watching it; the {done} runs done so far are kept.",
        "zh": "由于无人查看，计算已暂停；已完成的 {done} 次训练都保留着。"},
    "sweep.failed": {
        "en": "The computation ended unexpectedly; the {done} runs done so far are kept. Please try again.",
        "zh": "计算意外中止；已完成的 {done} 次训练都保留着。请再试一次。"},
    "sweep.resume": {"en": "Resume", "zh": "继续计算"},
    "sweep.from_file": {
        "en": "Computed beforehand with `python -m core.sweep`: {total} runs, shown at once.",
        "zh": "已用 `python -m core.sweep` 预先算好：共 {total} 次训练，立即显示。"},
    "sweep.done": {"en": "Computed on this server: {total} runs.", "zh": "已在本服务器上算完：共 {total} 次训练。"},
    "sweep.seconds": {"en": "{s} s", "zh": "{s} 秒"},
    "sweep.heat_header": {"en": "Learning rate × batch size", "zh": "学习率 × 批大小"},
    "sweep.view": {"en": "Show", "zh": "显示"},
    "sweep.view_test": {"en": "held-out accuracy", "zh": "留出数据精度"},
    "sweep.view_train": {"en": "training accuracy", "zh": "训练精度"},
    "sweep.view_gap": {"en": "train − test gap", "zh": "训练与测试之差"},
    "sweep.view_loss": {"en": "final loss", "zh": "最终损失"},
    "sweep.legend_gap": {"en": "train − test (points)", "zh": "训练 − 测试（百分点）"},
    "sweep.cell_note": {
        "en": "Each cell: the mean over its seeds, ± their standard deviation. A red dashed frame marks a cell "
              "where some run did not learn (✗ 2/3: two of its three seeds) or diverged (⚠); … counts the "
              "seeds computed so far.",
        "zh": "每一格：各种子结果的平均值 ± 标准差。红色虚线框表示该格中有训练没学会（✗ 2/3：三个种子中有两个）"
              "或发散（⚠）；… 表示已算完的种子数。"},
    "sweep.about_test": {
        "en": "**Held-out accuracy** is what counts: digits the network never trained on. Read a column "
              "upwards: too small an η barely moves the weights (the run ends near 10 %, guessing); a larger η "
              "learns faster, until the steps get so large that they jump past the valley and the accuracy "
              "falls back. Read a row: at an equal number of epochs, small batches make many more updates "
              "({train} images ÷ {small} = {small_updates} per epoch, ÷ {large} = {large_updates}), so they get "
              "further — each step noisier, but there are many more of them. With a budget in iterations "
              "every cell makes the same number of updates, and large batches see more data instead.",
        "zh": "**留出数据精度**才是关键：这些数字网络从未在上面训练过。沿着一列从下往上看：η 太小，权重几乎不动"
              "（训练结束时仍接近 10%，相当于瞎猜）；η 变大学得更快，直到步子大到越过谷底，精度又掉了下来。"
              "沿着一行看：epoch 数相同时，小批量的更新次数多得多（{train} 张图像 ÷ {small} = 每个 epoch {small_updates} 次，"
              "÷ {large} = {large_updates} 次），所以走得更远——每一步更嘈杂，但步数多得多。若按迭代次数计算训练长度，"
              "每一格的更新次数相同，大批量反而看到更多数据。"},
    "sweep.about_train": {
        "en": "**Training accuracy** is measured on the images the network learns from. Where it is high the "
              "optimisation worked; compare it with the held-out view to see whether that also generalised.",
        "zh": "**训练精度**是在网络学习所用的图像上测得的。它高说明优化成功了；再与留出数据精度对照，"
              "看看这种成功是否也能推广到新数据上。"},
    "sweep.about_gap": {
        "en": "**The gap** is training minus held-out accuracy, in percentage points. Near zero the network "
              "generalises; a gap that grows with more updates is overfitting: it starts to memorise its "
              "{train} training images instead of learning digits. With a few epochs it stays small everywhere.",
        "zh": "**差值**是训练精度减去留出数据精度，单位为百分点。接近 0 说明网络具有泛化能力；"
              "差值随更新次数增大就是过拟合：网络开始死记那 {train} 张训练图像，而不是学会认数字。"
              "只训练几个 epoch 时，各处的差值都还很小。"},
    "sweep.about_loss": {
        "en": "**The final loss** is the mean mini-batch loss over the last tenth of each run, each loss on "
              "its own scale (cross-entropy starts at ln 10 ≈ 2.30, mean squared error at 0.45 for a network "
              "that knows nothing). A cell whose loss ends where it began has not learned.",
        "zh": "**最终损失**是每次训练最后十分之一迭代的 mini-batch 损失平均值，两种损失各用自己的色标"
              "（对一个什么都不知道的网络，交叉熵从 ln 10 ≈ 2.30 开始，均方误差从 0.45 开始）。"
              "损失结束时仍停留在起点的格子，说明没有学会。"},
    "sweep.losses_note": {
        "en": "Side by side: the same cells trained with each loss. Mean squared error, passed through the "
              "softmax, takes smaller steps for the same η (its gradient is damped by the softmax's slope), so "
              "at the same batch size its best η tends to sit higher: compare the best η per batch size.",
        "zh": "并排比较：同样的格子分别用两种损失函数训练。均方误差经过 softmax 后，同样的 η 下步子更小"
              "（梯度被 softmax 的斜率削弱了），所以在同样的批大小下，它的最佳 η 往往更大：请对比各批大小下的最佳 η。"},
    "sweep.best": {
        "en": "Best held-out accuracy with {loss}: **{acc}** at η = {lr}, batch {batch}. Best η per batch size: "
              "{per_batch}.",
        "zh": "{loss}的最佳留出数据精度：**{acc}**，η = {lr}，批大小 {batch}。各批大小下的最佳 η：{per_batch}。"},
    "sweep.marks_header": {"en": "Marked cells", "zh": "被标记的格子"},
    "sweep.mark_dnl": {
        "en": "✗ **did not learn** ({n} runs): the run ended without error but its held-out accuracy stayed "
              "near guessing or its loss ended above where it began.",
        "zh": "✗ **没学会**（{n} 次训练）：训练正常结束，但留出数据精度仍接近瞎猜，或损失最后反而高于起点。"},
    "sweep.cause_too_slow": {
        "en": "too slow ({n}): the steps were too small or too few — a small η, or a large batch that makes "
              "few updates per epoch.",
        "zh": "太慢（{n} 次）：步子太小或太少——η 太小，或批太大导致每个 epoch 的更新次数太少。"},
    "sweep.cause_overshoot": {
        "en": "overshoot ({n}): each step was so large that it jumped past the valley it aimed for.",
        "zh": "冲过头（{n} 次）：每一步都太大，越过了它想去的谷底。"},
    "sweep.cause_saturated": {
        "en": "saturated ({n}): most hidden sigmoids started flat and passed almost no gradient back.",
        "zh": "饱和（{n} 次）：大多数隐藏层 sigmoid 一开始就处在平坦区，几乎传不回梯度。"},
    "sweep.mark_diverged": {
        "en": "⚠ **diverged** ({n} runs): the loss stopped being a finite number — the weights overflowed.",
        "zh": "⚠ **发散**（{n} 次训练）：损失不再是有限的数——权重溢出了。"},
    "sweep.all_learned": {"en": "Every run of this grid learned.", "zh": "这个网格中的每次训练都学会了。"},
    "sweep.lbl_dnl": {"en": "✗ {n}/{of}", "zh": "✗ {n}/{of}"},
    "sweep.lbl_div": {"en": "⚠ {n}/{of}", "zh": "⚠ {n}/{of}"},
    "sweep.lbl_pending": {"en": "… {n}/{of}", "zh": "… {n}/{of}"},
    "sweep.lbl_all_diverged": {"en": "diverged", "zh": "发散"},
    "sweep.axis_lr": {"en": "learning rate η", "zh": "学习率 η"},
    "sweep.axis_batch": {"en": "mini-batch size", "zh": "mini-batch 大小"},
    "sweep.axis_epoch": {"en": "epoch", "zh": "epoch"},
    "sweep.axis_series": {"en": "curve", "zh": "曲线"},
    "sweep.axis_low": {"en": "lowest seed", "zh": "最低种子"},
    "sweep.axis_high": {"en": "highest seed", "zh": "最高种子"},
    "sweep.curves_header": {"en": "Learning curves", "zh": "学习曲线"},
    "sweep.pick": {"en": "Curves of", "zh": "曲线范围"},
    "sweep.pick_cell": {"en": "one cell", "zh": "一格"},
    "sweep.pick_row": {"en": "one η, every batch size", "zh": "一个 η，所有批大小"},
    "sweep.pick_col": {"en": "one batch size, every η", "zh": "一个批大小，所有 η"},
    "sweep.pick_lr": {"en": "Learning rate η of the curves", "zh": "曲线的学习率 η"},
    "sweep.pick_batch": {"en": "Batch size of the curves", "zh": "曲线的批大小"},
    "sweep.curves_note": {
        "en": "Lines: the mean over the seeds at each measurement; band: from the lowest to the highest seed. "
              "A wide band means the result depends on luck (initial weights, which mini-batches came first).",
        "zh": "折线：每次测量时各种子的平均值；阴影带：从最低到最高的种子。"
              "阴影带越宽，说明结果越依赖运气（初始权重、先抽到哪些 mini-batch）。"},
    "sweep.no_curves": {
        "en": "No curves for this choice: every run diverged or is still computing.",
        "zh": "这个选择下没有曲线：所有训练都发散了，或仍在计算中。"},
    "sweep.series_train": {"en": "train", "zh": "训练"},
    "sweep.series_test": {"en": "held-out", "zh": "留出数据"},
    "sweep.series_gap": {"en": "train − test", "zh": "训练 − 测试"},
    "sweep.series_loss": {"en": "loss", "zh": "损失"},
    "sweep.series_batch": {"en": "batch {batch}", "zh": "批大小 {batch}"},
    "sweep.series_lr": {"en": "η = {lr}", "zh": "η = {lr}"},
    "sweep.csv": {"en": "Download every run (CSV)", "zh": "下载所有训练结果（CSV）"},
    "sweep.col_loss": {"en": "loss", "zh": "损失函数"},
    "sweep.col_lr": {"en": "lr", "zh": "学习率"},
    "sweep.col_batch_size": {"en": "batch size", "zh": "批大小"},
    "sweep.col_seed": {"en": "seed", "zh": "种子"},
    "sweep.col_iters": {"en": "iterations", "zh": "迭代次数"},
    "sweep.col_train_acc": {"en": "train accuracy", "zh": "训练精度"},
    "sweep.col_test_acc": {"en": "held-out accuracy", "zh": "留出数据精度"},
    "sweep.col_final_loss": {"en": "final loss", "zh": "最终损失"},
    "sweep.col_status": {"en": "status", "zh": "状态"},
    "sweep.col_causes": {"en": "likely causes", "zh": "可能原因"},
    "sweep.col_seconds": {"en": "seconds", "zh": "秒"},
}
