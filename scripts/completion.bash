# Tab completion for Sweep in bash. Turn it on with:   source scripts/completion.bash   (or add that line to ~/.bashrc)
# It asks the CLI itself through System.CommandLine's [suggest] directive, so it knows every command, option and value
# (run --progress <TAB> offers auto, live, plain, quiet) and never goes out of date.
_sweep_complete() {
  local line="${COMP_LINE#*[[:space:]]}"                     # the command line without the program's name
  local point=$(( COMP_POINT - (${#COMP_LINE} - ${#line}) ))
  local IFS=$'\n'
  COMPREPLY=( $(compgen -W "$("${COMP_WORDS[0]}" "[suggest:$point]" "$line" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}") )
}
complete -o default -F _sweep_complete sweep scripts/sweep ./scripts/sweep
