#!/usr/bin/env bash
# Output files never clobber (tools/iopcare/output_file.hpp): run as
#   output_files.sh IOPCARE_EXE SCRATCH_DIR PROGRAM_JSON
# A symbolic link is followed (the link stays, its target gets the output), a FIFO and a
# device are written in place (a reader gets the output, a device node stays one), a regular
# file is replaced whole with its mode kept, a failed run leaves the old file and no
# temporary behind, and a directory is refused.
set -u
exe=$1 dir=$2 program=$3
rm -rf "$dir" && mkdir -p "$dir" && cd "$dir" || exit 1
failures=0
check() {  # check DESCRIPTION COMMAND...
  if "${@:2}"; then echo "ok: $1"; else echo "FAILED: $1"; failures=$((failures + 1)); fi
}
sim() { "$exe" simulate --replications 1 --threads 1 --no-progress "$@"; }
header=$'replication,patient,time_days,kind,from,to,outcome\r'  # CSV lines end in CRLF (RFC 4180)

# A symbolic link (and a link to a link) is followed.
echo old > target.csv && ln -s target.csv link.csv && ln -s link.csv link2.csv
sim --events link2.csv > /dev/null
check "the link is still a link" test -L link.csv -a -L link2.csv
check "its target got the log" test "$(head -1 target.csv)" = "$header"
# A dangling link: its target is created.
ln -s made.csv dangling.csv
sim --events dangling.csv > /dev/null
check "a dangling link's target is created" test -L dangling.csv -a -f made.csv

# A FIFO is written in place: its reader gets every line and the FIFO stays.
mkfifo fifo
cat fifo > from_fifo.csv &
reader=$!
sim --events fifo > /dev/null
wait "$reader"
check "the FIFO's reader got the log" test "$(head -1 from_fifo.csv)" = "$header"
check "the log through the FIFO is whole" test "$(wc -l < from_fifo.csv)" -gt 1000
check "the FIFO is still a FIFO" test -p fifo

# A device is written in place, never replaced (as root a rename would replace the node).
sim --events /dev/null > /dev/null
check "/dev/null is still a character device" test -c /dev/null

# A regular file is replaced whole, keeping its mode.
echo old > keep.csv && chmod 640 keep.csv
sim --events keep.csv > /dev/null
check "the file was replaced" test "$(head -1 keep.csv)" = "$header"
check "its mode was kept" test "$(stat -c %a keep.csv)" = 640

# A failed run leaves the old file as it was and no temporary file.
echo old > kept.csv
sim --events kept.csv --max-events 1 > /dev/null 2> failed.err
check "a failed run exits 2" test $? -eq 2
check "a failed run names the limit" grep -q "limit_exceeded" failed.err
check "a failed run leaves the old file" test "$(cat kept.csv)" = old
check "a failed run leaves no temporary" test -z "$(find . -name '.iopcare-*')"

# --out of schedule follows the same rules.
"$exe" schedule --program "$program" --from 2026-10-26 --weeks 1 --format csv --out link.csv > /dev/null
check "--out through a link writes the target" grep -q "^patient,local_start" target.csv
cat fifo > out_fifo.csv &
reader=$!
"$exe" schedule --program "$program" --from 2026-10-26 --weeks 1 --format csv --out fifo > /dev/null
wait "$reader"
check "--out to a FIFO reaches its reader" grep -q "^patient,local_start" out_fifo.csv

# A directory is refused, naming it.
sim --events . > /dev/null 2> dir.err
check "a directory is refused" grep -q "\[iopcare.io.error\] \.: this is a directory; expected a file" dir.err

exit $((failures > 0))
