using System.CommandLine;

namespace Goxel.Cli.Commands;

/// <summary>
/// `goxel completion bash|zsh`: prints a script that completes goxel's commands and options
/// through System.CommandLine's [suggest] directive.
/// </summary>
internal static class CompletionCommand
{
    private const string Bash = """
        # goxel completion for bash: eval "$(goxel completion bash)"
        _goxel_complete() {
          local IFS=$'\n'
          COMPREPLY=($(goxel "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null))
        }
        complete -o default -F _goxel_complete goxel
        """;

    private const string Zsh = """
        # goxel completion for zsh: eval "$(goxel completion zsh)"
        _goxel_complete() {
          local -a items
          items=("${(@f)$(goxel "[suggest:${#BUFFER}]" "${BUFFER}" 2>/dev/null)}")
          compadd -a items
        }
        compdef _goxel_complete goxel
        """;

    public static Command Create()
    {
        var shell = new Argument<string>("shell") { Description = "bash or zsh" };
        shell.AcceptOnlyFromAmong("bash", "zsh");
        var command = new Command("completion", "print a shell completion script (bash or zsh)") { shell };
        command.SetAction(result => Console.WriteLine(result.GetValue(shell) == "zsh" ? Zsh : Bash));
        return command;
    }
}
