#!/usr/bin/env node
// bench/port-relay: a 10,000-event progress stream from the core to the window, (a) relayed through
// main as the desktop app did before issue #12 (core → main → window: main decodes every message and
// sends it on) and (b) over a direct channel main hands out, as the MessagePort design does now
// (core → window; main set the channel up and is idle). Side by side in one run, alternating a/b.
//
// SIMULATION: no Electron binary can run on the machine this was written on, so the Electron hops are
// played by Node processes. This script is "main"; it forks a "core" (the utilityProcess) and a
// "window" (the renderer). Every link is a Unix socket carrying length-prefixed v8-serialized
// messages (structured clone, as Electron's IPC and MessagePorts use). For (a) main holds one socket
// to each child and re-serializes each event; for (b) main connects a socket pair and hands one end to
// each child (child.send(msg, socket), the closest Node has to transferring a MessagePort), then drops
// its copies. What differs between (a) and (b) is only main's hop: its absolute numbers are Node's,
// not Electron's (Mojo), but the hop it removes costs the same kind of work in both.
//
// Two producers: `burst` writes all events at once (a fast job; latency is mostly queueing) and
// `paced` writes 10 events per millisecond timer tick (a job reporting as it goes).
// Prints, per path: events/s (N / (last receipt − first send)), per-event latency p50/p99 (send →
// receipt, one monotonic clock shared by the processes), and CPU ms of main (the relaying process) and
// of the window over the stream. Medians of --rounds rounds.
//   node bench/port-relay.mjs [--events N] [--rounds R]
// Measured (2-core AMD EPYC VM, Node 20, load average 3–8 from other jobs; two runs of the defaults):
//   paced  relay: p50 0.95–1.3 ms, p99 55–79 ms, main CPU 604–635 ms; direct: p50 0.12 ms, p99 3–7 ms, main 5 ms
//   burst  relay: 7.7–12.4k events/s, main CPU 419–438 ms; direct: 12.3–25.2k events/s (×1.6–2.0), main 3 ms
//   (paced events/s is set by the producer's timer, ~5–6k/s on both paths.)
import { fork } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { load, opt } from './lib.mjs';

const SELF = fileURLToPath(import.meta.url);
const role = opt('role', 'main');

/** Length-prefixed v8 frames over a socket: `send(obj)` and `onMessage(listener)`. */
function framed(socket) {
  let buffered = Buffer.alloc(0);
  const listeners = [];
  socket.on('data', (chunk) => {
    buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
    let at = 0;
    while (buffered.length - at >= 4) {
      const size = buffered.readUInt32LE(at);
      if (buffered.length - at - 4 < size) break;
      const message = v8.deserialize(buffered.subarray(at + 4, at + 4 + size));
      at += 4 + size;
      for (const l of listeners) l(message);
    }
    buffered = buffered.subarray(at);
  });
  return {
    send(message) {
      const body = v8.serialize(message);
      const head = Buffer.allocUnsafe(4);
      head.writeUInt32LE(body.length);
      socket.write(Buffer.concat([head, body]));
    },
    onMessage: (l) => listeners.push(l),
  };
}

/** A progress event as the core emits it (shared/contract/events.ts), stamped with its send time. */
function progressEvent(i, n) {
  return {
    type: 'event',
    event: {
      type: 'job/progressed',
      jobId: '5b0f8e52-3c1e-4a7e-9d55-0f1a2b3c4d5e',
      method: 'bench/start',
      progress: {
        fraction: i / n,
        message: `iteration ${i} of ${n}`,
        data: { p50Ms: 0.0065 + (i % 7) * 1e-4, p99Ms: 0.011 + (i % 13) * 1e-4, done: i },
      },
    },
    sentAt: process.hrtime.bigint(),
  };
}

function core() {
  let link = null;
  process.on('message', (m, socket) => {
    if (m.type === 'port') link = framed(socket);
    if (m.type === 'port') return void process.send({ type: 'ready' });
    if (m.type !== 'go') return;
    const { n, paced } = m;
    if (!paced) {
      for (let i = 1; i <= n; i++) link.send(progressEvent(i, n));
      return;
    }
    let i = 0;
    const tick = () => {
      for (let k = 0; k < 10 && i < n; k++) link.send(progressEvent(++i, n));
      if (i < n) setTimeout(tick, 1);
    };
    tick();
  });
}

function windowRole() {
  process.on('message', (m, socket) => {
    if (m.type !== 'port') return;
    const link = framed(socket);
    let n = 0;
    let cpu0 = null;
    let latencies = [];
    let firstSent = 0n;
    process.on('message', (go) => {
      if (go.type !== 'expect') return;
      n = go.n;
      latencies = [];
      cpu0 = process.cpuUsage();
    });
    link.onMessage((message) => {
      const now = process.hrtime.bigint();
      if (latencies.length === 0) firstSent = message.sentAt;
      latencies.push(Number(now - message.sentAt) / 1e3);
      if (latencies.length < n) return;
      const cpu = process.cpuUsage(cpu0);
      process.send({
        type: 'done',
        latencies,
        spanUs: Number(now - firstSent) / 1e3,
        cpuMs: (cpu.user + cpu.system) / 1e3,
      });
    });
    process.send({ type: 'ready' });
  });
}

/** A connected pair of Unix sockets (both ends in this process, ready to be handed to children). */
async function socketPair(dir, name) {
  const file = path.join(dir, name);
  const server = net.createServer();
  await new Promise((resolve) => server.listen(file, resolve));
  const accepted = new Promise((resolve) => server.once('connection', resolve));
  const client = net.connect(file);
  await new Promise((resolve) => client.once('connect', resolve));
  const other = await accepted;
  server.close();
  return [client, other];
}

const once = (child, type) =>
  new Promise((resolve) => {
    const l = (m) => m.type === type && (child.off('message', l), resolve(m));
    child.on('message', l);
  });

/** Forks core and window, wires them for `mode`, streams `n` events; answers what was measured. */
async function stream(mode, n, paced, dir) {
  const spawn = (r) =>
    fork(SELF, ['--role', r], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const producer = spawn('core');
  const consumer = spawn('window');
  try {
    const ready = [once(producer, 'ready'), once(consumer, 'ready')];
    if (mode === 'direct') {
      const [a, b] = await socketPair(dir, `direct-${process.hrtime.bigint()}`);
      producer.send({ type: 'port' }, a);
      consumer.send({ type: 'port' }, b);
    } else {
      const [coreEnd, mainFromCore] = await socketPair(dir, `in-${process.hrtime.bigint()}`);
      const [mainToWindow, windowEnd] = await socketPair(dir, `out-${process.hrtime.bigint()}`);
      producer.send({ type: 'port' }, coreEnd);
      consumer.send({ type: 'port' }, windowEnd);
      const out = framed(mainToWindow);
      framed(mainFromCore).onMessage((message) => out.send(message)); // main's relay: decode, send on
    }
    await Promise.all(ready);
    consumer.send({ type: 'expect', n });
    const done = once(consumer, 'done');
    const cpu0 = process.cpuUsage();
    producer.send({ type: 'go', n, paced });
    const result = await done;
    const cpu = process.cpuUsage(cpu0);
    return { ...result, mainCpuMs: (cpu.user + cpu.system) / 1e3 };
  } finally {
    producer.kill();
    consumer.kill();
  }
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const n = Number(opt('events', '10000'));
  const rounds = Number(opt('rounds', '5'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-bench-port-'));
  console.log(`bench/port-relay: ${n} progress events core → window, ${rounds} rounds per cell; ${load()}`);
  console.log('(Electron simulated with Node processes over Unix sockets: no Electron binary runs here)');
  try {
    for (const paced of [false, true]) {
      const rows = { relay: [], direct: [] };
      for (let r = 0; r < rounds; r++) {
        // Alternate the order so drift in machine load hits both paths alike.
        for (const mode of r % 2 ? ['direct', 'relay'] : ['relay', 'direct'])
          rows[mode].push(await stream(mode, n, paced, dir));
      }
      console.log(`\n${paced ? 'paced (10 events per 1 ms tick)' : 'burst (all events at once)'}:`);
      console.log('path                          events/s    p50 µs    p99 µs   main CPU ms   window CPU ms');
      const summary = {};
      for (const mode of ['relay', 'direct']) {
        const runs = rows[mode].map((x) => {
          const sorted = [...x.latencies].sort((a, b) => a - b);
          return {
            rate: n / (x.spanUs / 1e6),
            p50: quantile(sorted, 0.5),
            p99: quantile(sorted, 0.99),
            main: x.mainCpuMs,
            win: x.cpuMs,
          };
        });
        const s = Object.fromEntries(
          ['rate', 'p50', 'p99', 'main', 'win'].map((k) => [k, median(runs.map((x) => x[k]))]),
        );
        summary[mode] = s;
        const label = mode === 'relay' ? '(a) relayed through main' : '(b) direct port (main idle)';
        console.log(
          `${label.padEnd(28)} ${s.rate.toFixed(0).padStart(10)} ${s.p50.toFixed(0).padStart(9)} ${s.p99.toFixed(0).padStart(9)} ${s.main.toFixed(1).padStart(13)} ${s.win.toFixed(1).padStart(15)}`,
        );
      }
      const { relay, direct } = summary;
      console.log(
        `direct/relay: events/s ×${(direct.rate / relay.rate).toFixed(2)}, p50 ×${(direct.p50 / relay.p50).toFixed(2)}, p99 ×${(direct.p99 / relay.p99).toFixed(2)}, main CPU ${relay.main.toFixed(1)} → ${direct.main.toFixed(1)} ms`,
      );
    }
    console.log(`\n(${load()} at the end)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (role === 'core') core();
else if (role === 'window') windowRole();
else await main();
