#!/usr/bin/env python3
"""CPU per thread of the bench's ChirpChat servers, JIT compiler and GC threads included (JFR's execution samples
see Java threads only). Polls /proc every 2 s while a bench runs, then sums a window per server and thread name
(digits folded, so the carriers 'ForkJoinPool-1-worker-3' count together as 'ForkJoinPool-#-worker-#').

usage: python3 bench/profile/thread_cpu.py poll OUT.jsonl [SECONDS]     (default and bound: 1200 s)
       python3 bench/profile/thread_cpu.py window OUT.jsonl FROM TO       (ISO instants, e.g. one step's window)

A server is found by its GC log option (-Xlog:gc:file=.../<name>-gc.log), as the harness starts them. Threads that
end inside the window lose their share; the carriers and the named pools live as long as the server."""
import datetime, json, os, re, sys, time


def poll(out_path, seconds):
    end = time.time() + min(seconds, 1200)
    with open(out_path, 'w') as out:
        while time.time() < end:
            snap = {'t': time.time(), 'procs': {}}
            for pid in filter(str.isdigit, os.listdir('/proc')):
                try:
                    cmd = open(f'/proc/{pid}/cmdline', 'rb').read().decode(errors='replace')
                except OSError:
                    continue
                m = re.search(r'gc:file=\S*/(chirpchat-[a-z0-9]+)-gc\.log', cmd)
                if not m:
                    continue
                threads = {}
                try:
                    tids = os.listdir(f'/proc/{pid}/task')
                except OSError:
                    continue
                for tid in tids:
                    try:
                        st = open(f'/proc/{pid}/task/{tid}/stat').read()
                    except OSError:
                        continue
                    name = re.sub(r'\d+', '#', st[st.index('(') + 1:st.rindex(')')])
                    fields = st[st.rindex(')') + 2:].split()
                    threads[name] = threads.get(name, 0) + int(fields[11]) + int(fields[12])  # utime + stime
                snap['procs'][m.group(1)] = threads
            out.write(json.dumps(snap) + '\n')
            out.flush()
            time.sleep(2)


def window(path, lo, hi):
    ticks = os.sysconf('SC_CLK_TCK')
    lo_t = datetime.datetime.fromisoformat(lo.replace('Z', '+00:00')).timestamp()
    hi_t = datetime.datetime.fromisoformat(hi.replace('Z', '+00:00')).timestamp()
    snaps = [json.loads(line) for line in open(path)]
    inside = [s for s in snaps if lo_t <= s['t'] <= hi_t]
    if len(inside) < 2:
        sys.exit('fewer than two snapshots in the window')
    a, b = inside[0], inside[-1]
    dt = b['t'] - a['t']
    print(f'{dt:.1f} s')
    for proc, threads in sorted(b['procs'].items()):
        before = a['procs'].get(proc, {})
        rows = sorted(((n, max(0, t - before.get(n, 0)) / ticks / dt) for n, t in threads.items()), key=lambda r: -r[1])
        print(f'{proc}: {sum(r[1] for r in rows):.2f} cores')
        for name, cores in rows:
            if cores >= 0.005:
                print(f'   {name:32s} {cores:.3f}')


if __name__ == '__main__':
    if len(sys.argv) >= 3 and sys.argv[1] == 'poll':
        poll(sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 1200)
    elif len(sys.argv) == 5 and sys.argv[1] == 'window':
        window(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)
