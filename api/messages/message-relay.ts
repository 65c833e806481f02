/**
 * The message relay: every tick it fans new message events out to their channels and delivers
 * the messages that are due. Passes run one after another (never two at once in a process);
 * several processes may run it side by side (events are claimed with `skip locked`, deliveries
 * under leases). Separate from the analytics relay: its failures never hold up rating facts.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../config.js';
import { defaultWorkerId } from '../outbox/lease.js';
import { deliverDue, type DeliverySettings } from './deliver.js';
import { dispatchEvents } from './dispatch.js';
import { smtpSender, type EmailSender } from './email-transport.js';

export interface MessagePass {
  dispatched: number;
  delivered: number;
  failed: number;
}

export interface MessageRelay {
  /** One pass now (waits for the one running); tests call it instead of waiting for the timer. */
  flush(now?: Date): Promise<MessagePass>;
  stop(): Promise<void>;
}

export function createMessageRelay(
  rootEm: EntityManager,
  config: Pick<Config, 'messages' | 'relay'>,
  options: { email?: EmailSender | null; clock?: () => Date; fetch?: typeof fetch } = {},
): MessageRelay {
  const clock = options.clock ?? (() => new Date());
  const settings: DeliverySettings = {
    email:
      options.email !== undefined
        ? options.email
        : config.messages.smtpUrl
          ? smtpSender(config.messages.smtpUrl, config.messages.mailFrom)
          : null,
    allowPrivateTargets: config.messages.allowPrivateWebhookTargets,
    workerId: config.relay.workerId ?? defaultWorkerId(),
    leaseSeconds: config.relay.leaseSeconds,
    webhookTimeoutMs: 10_000,
    fetch: options.fetch,
  };
  const dispatchSettings = { smtpConfigured: settings.email !== null, publicUrl: config.messages.publicUrl };
  let running: Promise<MessagePass> = Promise.resolve({ dispatched: 0, delivered: 0, failed: 0 });
  const pass = (now?: Date) => {
    running = running
      .catch(() => ({ dispatched: 0, delivered: 0, failed: 0 }))
      .then(async () => {
        const at = now ?? clock();
        let dispatched = 0;
        for (;;) {
          const n = await dispatchEvents(rootEm, dispatchSettings, at);
          dispatched += n;
          if (n === 0) break;
        }
        const sent = await deliverDue(rootEm, settings, at);
        return { dispatched, ...sent };
      });
    return running;
  };
  return {
    flush: pass,
    async stop() {
      await running.catch(() => undefined);
    },
  };
}

/** Runs the relay every `intervalMs` in the server; returns the stop function. */
export function startMessageRelay(
  relay: MessageRelay,
  intervalMs: number,
  onError: (error: unknown) => void,
): () => Promise<void> {
  let stopped = false;
  const timer = setInterval(() => {
    if (!stopped) relay.flush().catch(onError);
  }, intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await relay.stop();
  };
}
