#!/usr/bin/env bash
# The viewer driven through tmux as a user would: start on the default sample, step, help,
# resize (including too small), quit, and check the terminal is given back.
# Usage: .ci/e2e-viewer.sh PATH/TO/crfview
set -euo pipefail
bin=$(realpath "$1")
session=crfview-e2e-$$
fail() {
    echo "viewer e2e FAILED: $*" >&2
    tmux capture-pane -p -t "$session" >&2 || true
    tmux kill-session -t "$session" 2>/dev/null || true
    exit 1
}
screen() { tmux capture-pane -p -t "$session"; }
# wait_for PATTERN [SECONDS]: poll the screen until the extended regex matches.
wait_for() {
    local deadline=$((SECONDS + ${2:-30}))
    until screen | grep -Eq -- "$1"; do
        [ $SECONDS -lt $deadline ] || fail "timed out waiting for: $1"
        sleep 0.2
    done
}

export LANG=C.UTF-8
tmux kill-session -t "$session" 2>/dev/null || true
tmux new-session -d -s "$session" -x 120 -y 40 \
    "cd '$PWD' && TERM=tmux-256color '$bin'; echo \"EXIT=\$?\"; stty -a | grep -q ' echo ' && echo TTY=sane; sleep 600"
echo "-- viewer: start"
wait_for 'iter 0/'
wait_for '▀'
echo "-- viewer: n steps"
tmux send-keys -t "$session" n
wait_for 'iter 1/'
echo "-- viewer: help"
tmux send-keys -t "$session" '?'
wait_for 'this help'
tmux send-keys -t "$session" '?'
sleep 0.3
screen | grep -q 'this help' && fail "help did not close"
echo "-- viewer: resize"
tmux resize-window -t "$session" -x 90 -y 28
sleep 0.5
[ "$(screen | wc -l)" -eq 28 ] || fail "pane is not 28 rows"
screen | sed -n '28p' | grep -q 'iter 1/' || fail "bar not on the last row after resize"
tmux resize-window -t "$session" -x 50 -y 12
wait_for 'too small: need'
tmux resize-window -t "$session" -x 120 -y 40
wait_for 'iter 1/'
echo "-- viewer: quit"
tmux send-keys -t "$session" q
wait_for 'EXIT=0' 10
wait_for 'TTY=sane' 5
screen | grep -q 'iter 1/' && fail "viewer screen still visible after quit"
tmux kill-session -t "$session"
echo "-- viewer ok"
