# Tab completion for Sweep in zsh. Turn it on with:   source scripts/completion.zsh   (or add that line to ~/.zshrc)
# zsh runs the bash completion through its bashcompinit layer: one definition for both shells.
autoload -U +X bashcompinit && bashcompinit
source "${0:A:h}/completion.bash"
