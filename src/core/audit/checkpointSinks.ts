import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import dgram from 'node:dgram';
import net from 'node:net';
import type { Checkpoint } from './checkpoints.ts';
import type { Config } from '../config.ts';

/** Somewhere outside the database that keeps checkpoints; `name` says where, in messages. */
export interface CheckpointSink {
  name: string;
  write(checkpoint: Checkpoint): Promise<void>;
}

const TIMEOUT_MS = 5000;

/**
 * The checkpoint file: opened for appending only (O_APPEND), each line flushed to disk before the
 * checkpoint counts as written. Make it append-only for the server's account too (chattr +a).
 */
export function fileSink(file: string): CheckpointSink {
  return {
    name: file,
    async write(checkpoint) {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT, 0o600);
      try {
        fs.writeSync(fd, `${JSON.stringify(checkpoint)}\n`);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    },
  };
}

/**
 * RFC 5424 syslog over UDP (one datagram a message) or TCP (octet-counted frames, RFC 6587):
 * `udp://host:514`, `tcp://host:601`. Facility 13 (log audit), severity 5 (notice).
 */
export function syslogSink(address: string): CheckpointSink {
  const url = new URL(address);
  const transport = url.protocol.replace(':', '');
  if (transport !== 'udp' && transport !== 'tcp') throw new Error(`Syslog address must be udp://host:port or tcp://host:port: ${address}`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (transport === 'udp' ? 514 : 601));
  return {
    name: address,
    write(checkpoint) {
      const message = Buffer.from(syslogMessage(checkpoint));
      return transport === 'udp'
        ? sendUdp(host, port, message)
        : sendTcp(host, port, Buffer.concat([Buffer.from(`${message.length} `), message]));
    },
  };
}

export function syslogMessage(checkpoint: Checkpoint): string {
  const hostname =
    os
      .hostname()
      .replace(/[^\x21-\x7e]/g, '')
      .slice(0, 255) || '-';
  return `<${13 * 8 + 5}>1 ${checkpoint.at} ${hostname} polku ${process.pid} audit-checkpoint - ${JSON.stringify(checkpoint)}`;
}

function sendUdp(host: string, port: number, message: Buffer): Promise<void> {
  const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
  return new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.send(message, port, host, (error) => (error ? reject(error) : resolve()));
  }).finally(() => socket.close());
}

function sendTcp(host: string, port: number, frame: Buffer): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const socket = net.createConnection({ host, port });
    socket.setTimeout(TIMEOUT_MS, () => socket.destroy(new Error(`syslog ${host}:${port} did not answer`)));
    socket.once('error', reject);
    socket.once('connect', () => socket.end(frame));
    socket.once('close', (hadError) => {
      if (!hadError) resolve();
    });
  });
}

/** An HTTP(S) collector: the checkpoint is POSTed as JSON; anything but a 2xx answer is a failure. */
export function httpSink(address: string): CheckpointSink {
  const url = new URL(address);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`Checkpoint address must be http(s)://…: ${address}`);
  return {
    name: `${url.origin}${url.pathname}`,
    async write(checkpoint) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(checkpoint),
        // A redirected POST may arrive elsewhere, or as a GET without the checkpoint: a failure.
        redirect: 'error',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
    },
  };
}

/** The file always; syslog and the HTTP collector when configured. */
export function configuredSinks(audit: Config['audit']): CheckpointSink[] {
  return [
    fileSink(audit.checkpointFile),
    ...(audit.syslog ? [syslogSink(audit.syslog)] : []),
    ...(audit.checkpointUrl ? [httpSink(audit.checkpointUrl)] : []),
  ];
}
