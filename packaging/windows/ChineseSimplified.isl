; 社区活动助手 — Inno Setup 6 简体中文界面文字（本项目自行翻译）
;
; Inno Setup 没有官方的简体中文文件。installer.iss 先读 compiler:Default.isl（英文，完整），
; 再读本文件：这里译出的条目覆盖英文，未译的少见条目仍显示英文，不会缺字。
; 译出的是本安装程序会出现的页面与提示：欢迎、选择位置、附加任务、准备安装、正在安装、完成，
; 常见错误，以及卸载。%1、%2、%n（换行）、[name] 等占位符须原样保留。
; 文件为 UTF-8（带 BOM，便于 6.3 以前的 6.x 版本识别）。

[LangOptions]
LanguageName=简体中文
LanguageID=$0804
LanguageCodePage=936
DialogFontName=Microsoft YaHei UI
DialogFontSize=9
WelcomeFontName=Microsoft YaHei UI
WelcomeFontSize=12

[Messages]

; *** 标题
SetupAppTitle=安装
SetupWindowTitle=安装 - %1
UninstallAppTitle=卸载
UninstallAppFullTitle=卸载 %1

; *** 通用
InformationTitle=提示
ConfirmTitle=确认
ErrorTitle=错误

; *** 启动
SetupLdrStartupMessage=将要安装 %1。是否继续？
LdrCannotCreateTemp=无法创建临时文件，安装已中止
LdrCannotExecTemp=无法运行临时文件夹中的文件，安装已中止
LastErrorMessage=%1。%n%n错误 %2：%3
SetupFileMissing=安装文件夹中缺少文件 %1。请重新获取一份完整的安装程序。
SetupFileCorrupt=安装文件已损坏。请重新获取一份安装程序。
SetupFileCorruptOrWrongVer=安装文件已损坏，或与本安装程序的版本不符。请重新获取一份安装程序。
InvalidParameter=命令行中有无效的参数：%n%n%1
SetupAlreadyRunning=安装程序已在运行。
WindowsVersionNotSupported=本程序不支持这台电脑的 Windows 版本。
NotOnThisPlatform=本程序不能在 %1 上运行。
OnlyOnThisPlatform=本程序只能在 %1 上运行。
OnlyOnTheseArchitectures=本程序只能安装在适用于以下处理器架构的 Windows 上：%n%n%1
WinVersionTooLowError=本程序需要 %1 %2 或更高版本。
WinVersionTooHighError=本程序不能安装在 %1 %2 或更高版本上。
AdminPrivilegesRequired=安装本程序需要以管理员身份登录。
SetupAppRunningError=安装程序发现 %1 正在运行。%n%n请先关闭它，然后点“确定”继续，或点“取消”退出。
UninstallAppRunningError=卸载程序发现 %1 正在运行。%n%n请先关闭它，然后点“确定”继续，或点“取消”退出。

; *** 其他错误
ErrorCreatingDir=无法创建文件夹“%1”
ErrorTooManyFilesInDir=文件夹“%1”中文件过多，无法在其中创建文件

; *** 退出与关于
ExitSetupTitle=退出安装
ExitSetupMessage=安装尚未完成。现在退出，程序将不会被安装。%n%n以后可以再次运行安装程序完成安装。%n%n确定退出吗？
AboutSetupMenuItem=关于安装程序(&A)...
AboutSetupTitle=关于安装程序
AboutSetupMessage=%1 版本 %2%n%3%n%n%1 主页：%n%4

; *** 按钮
ButtonBack=< 上一步(&B)
ButtonNext=下一步(&N) >
ButtonInstall=安装(&I)
ButtonOK=确定
ButtonCancel=取消
ButtonYes=是(&Y)
ButtonYesToAll=全部是(&A)
ButtonNo=否(&N)
ButtonNoToAll=全部否(&O)
ButtonFinish=完成(&F)
ButtonBrowse=浏览(&B)...
ButtonWizardBrowse=浏览(&R)...
ButtonNewFolder=新建文件夹(&M)

; *** 选择语言
SelectLanguageTitle=选择安装语言
SelectLanguageLabel=请选择安装时使用的语言：

; *** 向导通用
ClickNext=点“下一步”继续，或点“取消”退出安装。
BrowseDialogTitle=选择文件夹
BrowseDialogLabel=在下面的列表中选择一个文件夹，然后点“确定”。
NewFolderName=新建文件夹

; *** 欢迎
WelcomeLabel1=欢迎安装 [name]
WelcomeLabel2=将在这台电脑上安装 [name/ver]。%n%n建议先关闭其他正在运行的程序，再继续。

; *** 选择安装位置
WizardSelectDir=选择安装位置
SelectDirDesc=[name] 安装到哪里？
SelectDirLabel3=安装程序将把 [name] 安装到下面的文件夹。
SelectDirBrowseLabel=点“下一步”继续。如需换一个文件夹，请点“浏览”。
DiskSpaceMBLabel=至少需要 [mb] MB 可用磁盘空间。
CannotInstallToNetworkDrive=不能安装到网络驱动器。
CannotInstallToUNCPath=不能安装到网络路径（UNC）。
InvalidPath=请输入带盘符的完整路径，例如：%n%nC:\APP%n%n或如下形式的网络路径：%n%n\\server\share
InvalidDrive=所选的驱动器或网络共享不存在或无法访问，请另选一个。
DiskSpaceWarningTitle=磁盘空间不足
DiskSpaceWarning=安装至少需要 %1 KB 可用空间，但所选驱动器只有 %2 KB。%n%n仍要继续吗？
DirNameTooLong=文件夹名称或路径太长。
InvalidDirName=文件夹名称无效。
BadDirName32=文件夹名称不能含有以下字符：%n%n%1
DirExistsTitle=文件夹已存在
DirExists=文件夹：%n%n%1%n%n已经存在。仍要安装到这个文件夹吗？
DirDoesntExistTitle=文件夹不存在
DirDoesntExist=文件夹：%n%n%1%n%n不存在。要创建这个文件夹吗？

; *** 附加任务
WizardSelectTasks=选择附加任务
SelectTasksDesc=还要做哪些事？
SelectTasksLabel2=请选择安装 [name] 时要一并完成的附加任务，然后点“下一步”。

; *** 开始菜单文件夹
WizardSelectProgramGroup=选择开始菜单文件夹
SelectStartMenuFolderDesc=程序的快捷方式放在哪里？
SelectStartMenuFolderLabel3=安装程序将在下面的开始菜单文件夹中创建快捷方式。
SelectStartMenuFolderBrowseLabel=点“下一步”继续。如需换一个文件夹，请点“浏览”。
MustEnterGroupName=请输入文件夹名称。
GroupNameTooLong=文件夹名称或路径太长。
InvalidGroupName=文件夹名称无效。
BadGroupName=文件夹名称不能含有以下字符：%n%n%1
NoProgramGroupCheck2=不创建开始菜单文件夹(&D)

; *** 准备安装
WizardReady=准备安装
ReadyLabel1=已准备好在这台电脑上安装 [name]。
ReadyLabel2a=点“安装”开始安装；如需查看或修改设置，请点“上一步”。
ReadyLabel2b=点“安装”开始安装。
ReadyMemoDir=安装位置：
ReadyMemoType=安装类型：
ReadyMemoGroup=开始菜单文件夹：
ReadyMemoTasks=附加任务：

; *** 正在准备
WizardPreparing=正在准备安装
PreparingDesc=正在准备在这台电脑上安装 [name]。
PreviousInstallNotCompleted=上一次安装或卸载程序尚未完成，需要重新启动电脑才能完成。%n%n重新启动后，请再次运行安装程序来安装 [name]。
CannotContinue=安装无法继续。请点“取消”退出。
ApplicationsFound=以下程序正在使用需要更新的文件。建议让安装程序自动关闭这些程序。
ApplicationsFound2=以下程序正在使用需要更新的文件。建议让安装程序自动关闭这些程序。安装完成后，安装程序会尝试重新打开它们。
CloseApplications=自动关闭这些程序(&A)
DontCloseApplications=不关闭这些程序(&D)
ErrorCloseApplications=安装程序未能自动关闭所有程序。建议先关闭正在使用需更新文件的程序，再继续。

; *** 正在安装
WizardInstalling=正在安装
InstallingLabel=正在这台电脑上安装 [name]，请稍候。

; *** 安装完成
FinishedHeadingLabel=[name] 安装完成
FinishedLabelNoIcons=已在这台电脑上装好 [name]。
FinishedLabel=已在这台电脑上装好 [name]。可以通过已创建的快捷方式打开它。
ClickFinish=点“完成”退出安装。
FinishedRestartLabel=要完成 [name] 的安装，需要重新启动电脑。现在重新启动吗？
FinishedRestartMessage=要完成 [name] 的安装，需要重新启动电脑。%n%n现在重新启动吗？
YesRadio=是，现在重新启动电脑(&Y)
NoRadio=否，稍后再重新启动(&N)
RunEntryExec=运行 %1
RunEntryShellExec=查看 %1

; *** 安装过程中的错误
SetupAborted=安装未完成。%n%n请排除问题后再次运行安装程序。
EntryAbortRetryIgnore=点“重试”再试一次，点“忽略”继续，或点“中止”取消安装。
AbortRetryIgnoreChooseAction=请选择操作
AbortRetryIgnoreRetry=重试
AbortRetryIgnoreProceedAnyway=仍然继续
AbortRetryIgnoreCancel=取消安装

; *** 安装状态
StatusClosingApplications=正在关闭程序...
StatusCreateDirs=正在创建文件夹...
StatusExtractFiles=正在解压文件...
StatusCreateIcons=正在创建快捷方式...
StatusCreateIniEntries=正在写入 INI 设置...
StatusCreateRegistryEntries=正在写入注册表...
StatusRegisterFiles=正在注册文件...
StatusSavingUninstall=正在保存卸载信息...
StatusRunProgram=正在完成安装...
StatusRestartingApplications=正在重新打开程序...
StatusRollback=正在撤销更改...

; *** 其他错误
ErrorInternal2=内部错误：%1
ErrorFunctionFailedNoCode=%1 失败
ErrorFunctionFailed=%1 失败，代码 %2
ErrorFunctionFailedWithMessage=%1 失败，代码 %2。%n%3
ErrorExecutingProgram=无法运行文件：%n%1

; *** 复制文件时的错误
FileAbortRetryIgnore=点“重试”再试一次，点“忽略”跳过此文件（不建议），或点“中止”取消安装。
FileAbortRetryIgnore2=点“重试”再试一次，点“忽略”仍然继续（不建议），或点“中止”取消安装。
FileAbortRetryIgnoreSkipNotRecommended=跳过此文件（不建议）
FileAbortRetryIgnoreProceedAnywayNotRecommended=仍然继续（不建议）
SourceIsCorrupted=源文件已损坏
SourceDoesntExist=源文件“%1”不存在
ExistingFileReadOnly=已有的文件是只读的。
ExistingFileReadOnlyRetry=去掉只读属性后重试
ExistingFileReadOnlySkip=跳过此文件
ErrorReadingExistingDest=读取已有文件时出错：
FileExists=文件已存在。%n%n要覆盖它吗？
ExistingFileNewer=已有的文件比要安装的更新。建议保留已有的文件。%n%n保留已有的文件吗？
ErrorChangingAttr=更改已有文件的属性时出错：
ErrorCreatingTemp=在安装文件夹中创建文件时出错：
ErrorReadingSource=读取源文件时出错：
ErrorCopying=复制文件时出错：
ErrorReplacingExistingFile=替换已有文件时出错：
ErrorRenamingTemp=在安装文件夹中重命名文件时出错：

; *** 卸载列表中的名称标记
UninstallDisplayNameMark=%1（%2）
UninstallDisplayNameMarks=%1（%2，%3）
UninstallDisplayNameMark32Bit=32 位
UninstallDisplayNameMark64Bit=64 位
UninstallDisplayNameMarkAllUsers=所有用户
UninstallDisplayNameMarkCurrentUser=当前用户

; *** 卸载
UninstallNotFound=文件“%1”不存在，无法卸载。
UninstallOpenError=无法打开文件“%1”，无法卸载
UninstallUnsupportedVer=卸载记录文件“%1”的格式无法识别，无法卸载
UninstallUnknownEntry=卸载记录中有无法识别的条目（%1）
ConfirmUninstall=确定要卸载 %1 吗？%n%n（您的数据文件不在程序文件夹中，稍后会单独询问是否删除。）
UninstallOnlyOnWin64=只能在 64 位 Windows 上卸载。
OnlyAdminCanUninstall=只有管理员才能卸载。
UninstallStatusLabel=正在从这台电脑上卸载 %1，请稍候。
UninstalledAll=已从这台电脑上卸载 %1。
UninstalledMost=%1 已卸载。%n%n有些项目未能删除，可以手动删除。
UninstalledAndNeedsRestart=要完成 %1 的卸载，需要重新启动电脑。%n%n现在重新启动吗？
UninstallDataCorrupted=文件“%1”已损坏，无法卸载
WizardUninstalling=卸载状态
StatusUninstalling=正在卸载 %1...

; *** 关机提示
ShutdownBlockReasonInstallingApp=正在安装 %1。
ShutdownBlockReasonUninstallingApp=正在卸载 %1。

[CustomMessages]
NameAndVersion=%1 版本 %2
AdditionalIcons=快捷方式：
CreateDesktopIcon=在桌面上创建快捷方式(&D)
UninstallProgram=卸载 %1
LaunchProgram=运行 %1
