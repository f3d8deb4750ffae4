import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer, listenOnLoopback } from '../stepfunctions/http-server';
import { mailboxKey, SUPPRESSION_REASONS, SuppressionList, type SuppressionReason } from './suppression-list';

/** The SendEmail requests the proxy saw, newest last, for tests (`GET /local/send-requests`); bounded. */
const RECORDED_SENDS = 50;
const SUPPRESSION_PATH = '/v2/email/suppression/addresses';
const SEND_PATH = '/v2/email/outbound-emails';

export interface SesProxy {
  url: string;
  suppressionList: SuppressionList;
  close(): Promise<void>;
}

interface Destination {
  ToAddresses?: string[];
  CcAddresses?: string[];
  BccAddresses?: string[];
}

type Answer = { status: number; body: unknown; errorType?: string };

/** SES v2 (REST-JSON) errors: the code in `x-amzn-ErrorType`, the text in `message`, as AWS answers them. */
const error = (status: number, errorType: string, message: string): Answer => ({ status, errorType, body: { message } });

/**
 * In front of aws-ses-v2-local, which has no suppression list: serves SES v2's
 * PutSuppressedDestination, GetSuppressedDestination, DeleteSuppressedDestination and
 * ListSuppressedDestinations, and drops suppressed recipients from every SendEmail as SES does
 * (the send is accepted with a MessageId; a suppressed recipient gets nothing, and a send left
 * without recipients never reaches the inbox). With `sandbox`, it refuses sends from or to an
 * unverified identity as an account in the SES sandbox does. Everything else passes through unchanged.
 */
export interface SesSandbox {
  /** The region the refusal names, as SES does (upper case in its message). */
  region: string;
  /** Verified identities: addresses, or domains (every address on them). */
  verifiedIdentities: string[];
}

export async function startSesProxy(options: { port: number; upstreamUrl: string; sandbox?: SesSandbox }): Promise<SesProxy> {
  const suppressionList = new SuppressionList();
  const sends: unknown[] = [];

  function answer(request: IncomingMessage, body: Buffer): Answer | undefined {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '');
    if (path === '/local/send-requests' && request.method === 'GET') return { status: 200, body: { requests: sends } };
    if (path === SUPPRESSION_PATH) {
      if (request.method === 'PUT') return putSuppressed(body);
      if (request.method === 'GET') return { status: 200, body: { SuppressedDestinationSummaries: suppressionList.all() } };
    }
    if (path.startsWith(`${SUPPRESSION_PATH}/`)) {
      const address = decodeURIComponent(path.slice(SUPPRESSION_PATH.length + 1));
      const entry = suppressionList.get(address);
      if (request.method === 'GET') {
        return entry ? { status: 200, body: { SuppressedDestination: { ...entry, Attributes: {} } } } : notSuppressed(address);
      }
      if (request.method === 'DELETE') return suppressionList.delete(address) ? { status: 200, body: {} } : notSuppressed(address);
    }
    return undefined;
  }

  function putSuppressed(body: Buffer): Answer {
    const input = parseJson(body) as { EmailAddress?: unknown; Reason?: unknown } | undefined;
    if (typeof input?.EmailAddress !== 'string' || !input.EmailAddress.includes('@')) return error(400, 'BadRequestException', 'EmailAddress is required.');
    if (!SUPPRESSION_REASONS.includes(input.Reason as SuppressionReason)) {
      return error(400, 'BadRequestException', `Reason must be one of ${SUPPRESSION_REASONS.join(', ')}.`);
    }
    suppressionList.put(input.EmailAddress, input.Reason as SuppressionReason);
    return { status: 200, body: {} };
  }

  const notSuppressed = (address: string) => error(404, 'NotFoundException', `Email address ${address} does not exist on your suppression list.`);

  /**
   * In the sandbox SES sends only from and to verified identities, and refuses the whole send
   * otherwise: MessageRejected, naming every identity that failed (the sender's as well).
   */
  function sandboxRefusal(input: { FromEmailAddress?: string; Destination?: Destination }, sandbox: SesSandbox): Answer | undefined {
    const verified = new Set(sandbox.verifiedIdentities.map((identity) => identity.toLowerCase()));
    const isVerified = (address: string) => {
      const mailbox = mailboxKey(address);
      return verified.has(mailbox) || verified.has(mailbox.slice(mailbox.lastIndexOf('@') + 1));
    };
    const destination = input.Destination ?? {};
    const addresses = [input.FromEmailAddress ?? '', ...(destination.ToAddresses ?? []), ...(destination.CcAddresses ?? []), ...(destination.BccAddresses ?? [])];
    const failed = [...new Set(addresses.filter((address) => address && !isVerified(address)).map(mailboxKey))];
    if (failed.length === 0) return undefined;
    return error(
      400,
      'MessageRejected',
      `Email address is not verified. The following identities failed the check in region ${sandbox.region.toUpperCase()}: ${failed.join(', ')}`,
    );
  }

  /** A send without its suppressed recipients, or a MessageId alone when none is left. */
  function withoutSuppressed(body: Buffer): { forward: Buffer } | { answer: Answer } {
    const input = parseJson(body) as { FromEmailAddress?: string; Destination?: Destination } | undefined;
    if (!input) return { forward: body };
    sends.push(input);
    if (sends.length > RECORDED_SENDS) sends.shift();
    const refusal = options.sandbox ? sandboxRefusal(input, options.sandbox) : undefined;
    if (refusal) return { answer: refusal };
    const destination = input.Destination ?? {};
    const kept: Destination = {};
    for (const field of ['ToAddresses', 'CcAddresses', 'BccAddresses'] as const) {
      const left = (destination[field] ?? []).filter((address) => !suppressionList.has(address));
      if (left.length > 0) kept[field] = left;
    }
    if (Object.keys(kept).length === 0 && Object.keys(destination).length > 0) {
      return { answer: { status: 200, body: { MessageId: `ses-suppressed-${randomBytes(8).toString('hex')}` } } };
    }
    return { forward: Buffer.from(JSON.stringify({ ...input, Destination: kept })) };
  }

  async function forward(request: IncomingMessage, body: Buffer, response: ServerResponse): Promise<void> {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined || ['host', 'content-length', 'connection', 'transfer-encoding'].includes(name)) continue;
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const upstream = await fetch(`${options.upstreamUrl}${request.url ?? '/'}`, {
      method: request.method ?? 'GET',
      headers,
      ...(request.method === 'GET' || request.method === 'HEAD' ? {} : { body }),
    });
    const bytes = Buffer.from(await upstream.arrayBuffer());
    const responseHeaders: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive'].includes(name)) responseHeaders[name] = value;
    });
    response.writeHead(upstream.status, { ...responseHeaders, 'content-length': String(bytes.length) });
    response.end(bytes);
  }

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        let body: Buffer = Buffer.concat(chunks);
        let result = answer(request, body);
        if (!result && request.method === 'POST' && (request.url ?? '').split('?')[0] === SEND_PATH) {
          const filtered = withoutSuppressed(body);
          if ('answer' in filtered) result = filtered.answer;
          else body = filtered.forward;
        }
        if (result) {
          const text = JSON.stringify(result.body);
          response.writeHead(result.status, {
            'content-type': 'application/json',
            ...(result.errorType ? { 'x-amzn-errortype': result.errorType } : {}),
            'content-length': String(Buffer.byteLength(text)),
          });
          response.end(text);
          return;
        }
        await forward(request, body, response);
      })().catch((failure: unknown) => {
        if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ message: `SES twin proxy: ${failure instanceof Error ? failure.message : String(failure)}` }));
      });
    });
  });
  await listenOnLoopback(server, options.port);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    suppressionList,
    close: () => closeServer(server),
  };
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
