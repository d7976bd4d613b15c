; 社区活动助手 — Inno Setup 6 script: a per-user install of the one-folder build.
;
; Build the folder first (python packaging\build_app.py), then, from this folder:
;   iscc /DAppVersion=0.1.0 installer.iss
; Output: dist\community-activity-assistant-setup-<version>.exe
; .github/workflows/windows.yml does both. UNTESTED until it first runs on Windows.
;
; Per user, no administrator rights (PrivilegesRequired=lowest): {autopf} is then
; %LOCALAPPDATA%\Programs, {autoprograms} and {autodesktop} the user's own Start menu and desktop.
; The data never lives in {app}: the program keeps it in %LOCALAPPDATA%\CommunityActivityAssistant
; (models/datafile/paths.py, via platformdirs), so an upgrade, which replaces {app}, keeps it, and
; the uninstaller asks before deleting it (default: keep).

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\community-activity-assistant"
#endif
#define AppName "社区活动助手"
#define AppExe "community-activity-assistant-gui.exe"
; The folder name models/datafile/paths.py gives platformdirs (APP_NAME).
#define DataFolder "CommunityActivityAssistant"

[Setup]
; Fixed for ever: Windows knows an installed copy (for upgrades and uninstall) by this id.
AppId={{5B0F2C7E-3D1A-4F8B-9C6E-2A7D4E1B8F30}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
DefaultDirName={autopf}\{#DataFolder}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
MinVersion=10.0
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=community-activity-assistant-setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
; The program open during an upgrade: offer to close it (Restart Manager) rather than fail.
CloseApplications=yes

[Languages]
; Default.isl first (complete, English), then ours over it: see ChineseSimplified.isl.
Name: "chinesesimplified"; MessagesFile: "compiler:Default.isl,ChineseSimplified.isl"

[CustomMessages]
chinesesimplified.DeleteDataQuestion=是否同时删除您的数据？%n%n数据文件夹：%n%1%n%n其中有活动方案、居民名册、报名记录和备份。选“否”（推荐）则保留，以后重新安装本程序还能接着用。%n%n删除后无法恢复。

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the program's internal folder whole, so no file of an older version stays.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
// After the program's files are gone: the data folder stays unless the user says to delete it
// (No is the default button; a silent uninstall keeps it).
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{localappdata}\{#DataFolder}');
    if DirExists(DataDir) then
      if SuppressibleMsgBox(FmtMessage(CustomMessage('DeleteDataQuestion'), [DataDir]),
                            mbConfirmation, MB_YESNO or MB_DEFBUTTON2, IDNO) = IDYES then
        DelTree(DataDir, True, True, True);
  end;
end;
