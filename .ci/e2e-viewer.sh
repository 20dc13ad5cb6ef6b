#!/usr/bin/env bash
# The viewer driven through tmux as a user would: start on the default sample, step, help,
# resize (including too small), quit, and check the terminal is given back.
# Usage: .ci/e2e-viewer.sh PATH/TO/crfview
set -euo pipefail
bin=$(realpath "$1")
session=crfview-e2e-$$
# A private tmux server, so nothing else on the machine is touched.
tmux() { command tmux -L "crfview-e2e-$$" "$@"; }
trap 'command tmux -L "crfview-e2e-$$" kill-server 2>/dev/null || true' EXIT
# A session that outlives the others: killing the last session stops the server, and the next
# new-session can race that shutdown ("server exited unexpectedly", seen once in CI).
tmux new-session -d -s keepalive "sleep 86400"
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
    "cd '$PWD' && TERM=tmux-256color '$bin' ${CRFVIEW_E2E_SAMPLE:-}; echo \"EXIT=\$?\"; stty -a | grep -q ' echo ' && echo TTY=sane; sleep 600"
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

echo "-- viewer: Ctrl-C, SIGTERM and SIGHUP restore the terminal and exit with 128 + the signal"
for signal in INT TERM HUP; do
    tmux new-session -d -s "$session" -x 100 -y 30 \
        "cd '$PWD' && TERM=tmux-256color '$bin' ${CRFVIEW_E2E_SAMPLE:-}; echo \"EXIT=\$?\"; stty -a | grep -q ' echo ' && echo TTY=sane; sleep 600"
    wait_for 'iter 0/'
    if [ $signal = INT ]; then tmux send-keys -t "$session" C-c; else pkill -$signal -f "^$bin" || true; fi
    wait_for 'EXIT=' 10
    wait_for 'TTY=sane' 5
    screen | grep -q 'iter 0/' && fail "viewer screen still visible after SIG$signal"
    echo "   SIG$signal: $(screen | grep -o 'EXIT=[0-9]*')"
    screen | grep -q "EXIT=$((128 + $(kill -l $signal)))" || fail "viewer exit status after SIG$signal: $(screen | grep -o 'EXIT=[0-9]*')"
    tmux kill-session -t "$session"
done

# Live tuning, inspector and export, on a sample with a longer run so the restart is seen.
sample=${CRFVIEW_E2E_SAMPLE:-$(ls -d Samples/*/ | head -n 1)}
exports=$(mktemp -d)
tmux new-session -d -s "$session" -x 140 -y 44 \
    "cd '$PWD' && TERM=tmux-256color XDG_CONFIG_HOME='$exports/config' '$bin' view '$sample' --iterations 30 --export-dir '$exports'; echo \"EXIT=\$?\"; sleep 600"
echo "-- tuning: start"
wait_for 'iter 0/30'
wait_for 'INSPECTOR \([0-9]+, [0-9]+\)'
before=$(screen | grep -o 'INSPECTOR ([0-9]*, [0-9]*)')
value=$(screen | grep -o 'gaussian sxy *[0-9.]*' | awk '{print $NF}')
[ -n "$value" ] || fail "no gaussian sxy in the panel"
echo "-- tuning: + on gaussian sxy ($value)"
tmux send-keys -t "$session" +
wait_for 'iter 0/30' 5
expected=$(python3 -c "print('%.4g' % ($value * 1.1))")
wait_for "gaussian sxy *$expected" 5
wait_for 'iter 30/30' 60
echo "-- tuning: cursor"
tmux send-keys -t "$session" l l l j
sleep 0.5
after=$(screen | grep -o 'INSPECTOR ([0-9]*, [0-9]*)')
[ "$before" != "$after" ] || fail "inspector did not move: $before"
echo "   $before -> $after"
echo "-- tuning: save"
tmux send-keys -t "$session" s
wait_for 'saved ' 60
for suffix in labels.png overlay.png q.npy params.json unary.npy pydensecrf.py; do
    ls "$exports"/crfview-*-001-$suffix >/dev/null 2>&1 || fail "export $suffix missing"
done
params=$(ls "$exports"/crfview-*-001-params.json)
grep -q "\"sxy\": $expected" "$params" || fail "exported params lack the new sxy: $(cat "$params")"
image=$sample/image.png
[ -f "$image" ] || image=$sample/image.jpg
if [ -f "$sample/probs.npy" ]; then flag=--probs; source=$sample/probs.npy; else flag=--unary; source=$sample/unary.npy; fi
"$bin" infer "$image" $flag "$source" --params "$params" --out-probs "$exports/reloaded.npy" || fail "exported params do not load back"
python3 - "$exports/reloaded.npy" "$(ls "$exports"/crfview-*-001-q.npy)" <<'PY' || fail "exported Q differs from a re-run with the exported params"
import sys, struct, array
def load(path):
    data = open(path, 'rb').read()
    n = struct.unpack('<H', data[8:10])[0]
    values = array.array('f'); values.frombytes(data[10 + n:])
    return values
a, b = load(sys.argv[1]), load(sys.argv[2])
assert len(a) == len(b), (len(a), len(b))
worst = max(abs(x - y) for x, y in zip(a, b))
assert worst < 1e-5, worst
print("   exported Q reloads: max |dQ| = %.2g" % worst)
PY
tmux send-keys -t "$session" q
wait_for 'EXIT=0' 10
tmux kill-session -t "$session"
rm -rf "$exports"
echo "-- tuning ok"

# Learning mode on a generated learning scene with truth: L learns, the bar follows the epochs,
# the learned parameters replace the hand-set ones with an mIoU at least as good, u restores
# them, and v reaches the loss view.
scenes=$(mktemp -d)
"$bin" make-samples --learning-set --out "$scenes" --train 1 --val 1 > "$scenes.log" || fail "make-samples --learning-set"
scene=$(ls -d "$scenes"/train/*/ | head -n 1)
tmux new-session -d -s "$session" -x 140 -y 44 \
    "cd '$PWD' && TERM=tmux-256color XDG_CONFIG_HOME='$scenes/config' '$bin' view '$scene' --epochs 4; echo \"EXIT=\$?\"; sleep 600"
echo "-- learning: start"
wait_for 'iter 0/'
handset=$(screen | grep -o 'bilateral srgb *[0-9.]*' | awk '{print $NF}')
[ -n "$handset" ] || fail "no bilateral srgb in the panel"
tmux send-keys -t "$session" L
wait_for 'learning epoch 0/4' 10
wait_for 'learning epoch [1-4]/4' 120
echo "   $(screen | grep -o 'learning epoch [0-9]*/4[^ ]*[^(]*' | head -n 1)"
wait_for 'learned mIoU [0-9.]+% → [0-9.]+%' 240
scores=$(screen | grep -Eo 'learned mIoU [0-9.]+% → [0-9.]+%' | head -n 1)
echo "   $scores"
python3 -c "
import re, sys
a, b = map(float, re.findall(r'([0-9.]+)%', sys.argv[1]))
assert b >= a, (a, b)" "$scores" || fail "learned mIoU is worse than the hand-set one: $scores"
learned=$(screen | grep -o 'bilateral srgb *[0-9.]*' | awk '{print $NF}')
[ "$learned" != "$handset" ] || fail "bilateral srgb did not change ($handset)"
echo "   bilateral srgb $handset -> $learned"
echo "-- learning: u restores the hand-set parameters"
tmux send-keys -t "$session" u
wait_for "bilateral srgb *$handset\b" 5
# The terminal is updated line by line, so the bar may lag the panel by a moment.
deadline=$((SECONDS + 5))
while screen | grep -q 'learned mIoU'; do
    [ $SECONDS -lt $deadline ] || fail "the bar still reports learned parameters after u"
    sleep 0.2
done
echo "-- learning: v reaches the loss view"
for _ in $(seq 1 14); do
    screen | grep -Eq '^ ?loss · step|│ loss · step| loss · step' && break
    tmux send-keys -t "$session" v
    sleep 0.3
done
screen | grep -Eq ' loss · step' || fail "no loss view after cycling the views"
tmux send-keys -t "$session" q
wait_for 'EXIT=0' 10
tmux kill-session -t "$session"
rm -rf "$scenes" "$scenes.log"
echo "-- learning ok"
