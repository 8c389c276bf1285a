#!/usr/bin/env python3
"""Shares of a server's CPU samples by what a small-chat post spends them on (bench/README.md, "Where a small-chat
post's CPU goes"): by thread first (the persistence chat writers, the WebSocket writers), then, on the request
threads, by the first part of the post's path found on the stack. Needs whole stacks:

usage: jfr print --json --stack-depth 300 --events jdk.ExecutionSample chirpchat-a.jfr > chirp.json
       python3 bench/profile/jfr_post_shares.py chirp.json START END    (ISO instants: the small chats' steps)

The first category that matches takes a sample. A filter's own cost is counted only when no FilterChain.proceed lies
between it and the leaf (everything after a filter runs inside it)."""
import json, collections, datetime, re, sys
def ts(s): return datetime.datetime.fromisoformat(s.replace('Z', '+00:00'))
d=json.load(open(sys.argv[1])); lo,hi=ts(sys.argv[2]),ts(sys.argv[3])
def own(n,p):
    i=next((i for i,x in enumerate(n) if p in x),None)
    return i is not None and not any('FilterChainImpl.proceed' in y for y in n[:i])
CATS=[
 ('persistence writer thread (ledger tx, JDBC)', lambda n,tn: 'chirpchat-writer' in tn),
 ('ws writer (Outbox drain, socket write)', lambda n,tn: 'chirpchat-ws-writer' in tn),
 ('req: JWT/auth', lambda n,tn: any('BearerToken' in x or 'AuthenticateService' in x or 'JwtAccessTokens' in x for x in n)),
 ('req: client address', lambda n,tn: any('ClientAddresses.resolve' in x for x in n)),
 ('req: quotas (rate limiter)', lambda n,tn: any('UserQuotas' in x or 'RateLimiter' in x for x in n)),
 ('req: event rendering (EventFrame.of: event JSON + frame)', lambda n,tn: any('EventFrame.of' in x for x in n)),
 ('req: fanout publish (router, sequencer, deliver, queue offer)', lambda n,tn: any('EventPublisher' in x for x in n)),
 ('req: request JSON parse (JsonBodies)', lambda n,tn: any('JsonBodies' in x for x in n)),
 ('req: command validation (MessageText etc)', lambda n,tn: any('PostMessageCommand.of' in x or 'Fields.' in x for x in n)),
 ('req: waiting on ledger (ChatWriters.change handoff)', lambda n,tn: any('ChangeChatPort' in x or 'JdbcStore' in x or 'ChatWriters' in x for x in n)),
 ('req: response render (Replies.json)', lambda n,tn: any('Replies.json' in x or 'DomainJson.message' in x for x in n)),
 ('req: rest of MessageRoutes.post', lambda n,tn: any('MessageRoutes.post' in x for x in n)),
 ('req: metrics KPI filter', lambda n,tn: own(n,'observe.metrics')),
 ('req: MetricsGuard filter', lambda n,tn: own(n,'MetricsGuard')),
 ('req: ApiFilter rest (cors, query names)', lambda n,tn: own(n,'ApiFilter')),
 ('req: helidon routing (route match, filters)', lambda n,tn: any('HttpRoutingImpl' in x or 'RouteCrawler' in x or 'PathMatchers' in x for x in n)),
 ('req: helidon http1 parse/response', lambda n,tn: any('webserver.http1' in x or 'ConnectionHandler' in x for x in n)),
 ('socket I/O other', lambda n,tn: any('NioSocketImpl' in x or 'SubPoller' in tn for x in n)),
 ('vthread scheduling/carrier', lambda n,tn: 'ForkJoinPool' in tn or any('VirtualThread' in x or 'Continuation' in x for x in n)),
 ('timers/sweeps', lambda n,tn: 'timer' in tn or 'revocations' in tn or 'media' in tn or 'chirpchat-tx' in tn),
]
c=collections.Counter(); tot=0; times=0; other=collections.Counter()
for e in d['recording']['events']:
    if e['type']!='jdk.ExecutionSample': continue
    t=ts(e['values']['startTime'])
    if t<lo or t>hi: continue
    fr=(e['values']['stackTrace'] or {}).get('frames') or []
    if not fr: continue
    tot+=1
    tn=(e['values'].get('sampledThread') or {}).get('javaName') or '?'
    n=[f['method']['type']['name'].replace('/','.')+'.'+f['method']['name'] for f in fr]
    times += any('Times.format' in x for x in n)
    lab=next((l for l,f in CATS if f(n,tn)),'other')
    c[lab]+=1
    if lab=='other': other[n[0]+' / '+re.sub(r'\d+','N',tn)[-30:]]+=1
print('samples',tot)
print('timestamps (Times.format) anywhere: %.1f%%' % (100*times/tot))
for l,_ in CATS+[('other',0)]: print(f'{100*c[l]/tot:5.1f}%  {l}')
print('other top:', other.most_common(8))
