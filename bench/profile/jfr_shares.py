#!/usr/bin/env python3
"""Shares of a server's CPU samples by where on the delivery path they fall (see bench/README.md, "Where a
delivery's CPU goes").

usage: jfr print --json --events jdk.ExecutionSample chirpchat-a.jfr > chirp.json
       python3 bench/profile/jfr_shares.py chirp.json START END    (ISO instants, e.g. one ladder step's window)

The first bucket whose pattern occurs anywhere on a sample's stack takes it (JFR often records only part of a
virtual thread's stack, so the patterns include each part's leaf frames); the top frames are listed as well."""
import json, sys, collections, datetime
def ts(s): return datetime.datetime.fromisoformat(s.replace('Z', '+00:00'))
BUCKETS = [
    ('fanout: handing the frame to each connection (router, queue offer)', ['ChatStream', 'LiveEventRouter', 'Connection.deliver', 'Greeting',
        'LinkedBlockingQueue.offer', 'BareServer$Conn.offer', 'BareServer.lambda', 'Outbox.offer', 'signalNotEmpty']),
    ('event rendering (frame bytes, JSON of the event)', ['com.chirpchat.wire.', 'com.fasterxml.jackson']),
    ('request + transaction (HTTP, auth, group commit, JDBC)', ['io.helidon.webserver.http1', 'com.chirpchat.adapters.http.!ws', 'org.postgresql',
        'com.zaxxer', 'com.chirpchat.adapters.persistence', 'com.chirpchat.application', 'io.helidon.dbclient']),
    ('writer: socket write (syscall, copy into the socket)', ['SocketDispatcher', 'NioSocketImpl', 'Socket$SocketOutputStream', 'FixedBufferData.writeTo',
        'GrowingBufferData.writeTo', 'SocketWriter', 'WsConnection.send', 'io.helidon.webserver.websocket']),
    ('writer: dequeue and frame assembly (take, drain loop)', ['Outbox', 'BareServer$Conn.drain', 'LinkedBlockingQueue.take', 'LinkedBlockingQueue.drainTo']),
    ('virtual-thread scheduling (park, unpark, mount, carrier)', ['VirtualThread', 'ForkJoin', 'Continuation', 'LockSupport']),
]
data = json.load(open(sys.argv[1])); lo, hi = ts(sys.argv[2]), ts(sys.argv[3])
c = collections.Counter(); n = 0
for e in data['recording']['events']:
    if e['type'] != 'jdk.ExecutionSample': continue
    t = ts(e['values']['startTime'])
    if t < lo or t > hi: continue
    fr = (e['values']['stackTrace'] or {}).get('frames') or []
    if not fr: continue
    n += 1
    names = [f['method']['type']['name'].replace('/', '.') + '.' + f['method']['name'] for f in fr]
    def hit(p, x):
        if '!' in p:  # 'a.!b': starts with a, not followed by b
            head, not_ = p.split('!')
            return head in x and (head + not_) not in x
        return p in x
    label = next((b for b, pats in BUCKETS if any(hit(p, x) for x in names for p in pats)), 'other: ' + names[0])
    c[label] += 1
print('samples', n)
for b, _ in BUCKETS:
    print(f'{100 * c[b] / n:5.1f}%  {b}')
tops = collections.Counter()
for e in data['recording']['events']:
    if e['type'] == 'jdk.ExecutionSample' and lo <= ts(e['values']['startTime']) <= hi:
        fr = (e['values']['stackTrace'] or {}).get('frames') or []
        if fr:
            tops[fr[0]['method']['type']['name'].replace('/', '.') + '.' + fr[0]['method']['name']] += 1
rest = sorted(((v, k) for k, v in c.items() if k.startswith('other')), reverse=True)
print(f'{100 * sum(v for v, _ in rest) / n:5.1f}%  other; largest: ' + ', '.join(f'{k[7:]} {100 * v / n:.1f}%' for v, k in rest[:4]))
print('top frames:')
for name, v in tops.most_common(15):
    print(f'{100 * v / n:5.1f}%  {name}')
