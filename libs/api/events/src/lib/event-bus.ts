import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Observable, Subject, filter, map } from 'rxjs';
import { RedisConnections } from '@launchpad/api-redis';

/** The one Redis channel every instance publishes to and subscribes to. */
const CHANNEL = 'launchpad:events';

/** At most one warning per minute while Redis is unreachable. */
const WARN_EVERY_MS = 60_000;

interface Envelope {
  topic: string;
  payload: unknown;
}

/**
 * Events between the parts of Launchpad, on every instance: `publish(topic, payload)` reaches
 * every `on(topic)` subscriber of every instance sharing the REDIS_URL (Redis pub/sub on one
 * channel, `launchpad:events`, which each instance subscribes to once), or of this instance
 * alone when REDIS_URL is unset (`fansOut` false). Payloads travel as JSON.
 *
 * Delivery is at most once: a message published while Redis is unreachable reaches this
 * instance's subscribers only (with a warning), so subscribers must treat events as hints and
 * keep the database as the truth (the deployment event streams re-read their row now and then).
 */
@Injectable()
export class EventBus implements OnModuleInit {
  private readonly logger = new Logger('EventBus');
  private readonly local = new Subject<Envelope>();
  private lastWarning = 0;

  constructor(private readonly redis: RedisConnections) {}

  /** Whether events reach the other instances' subscribers too (REDIS_URL is set). */
  get fansOut(): boolean {
    return this.redis.enabled;
  }

  onModuleInit(): void {
    const subscriber = this.redis.subscriber;
    if (!subscriber) return;
    subscriber.on('message', (channel: string, message: string) => {
      if (channel !== CHANNEL) return;
      try {
        this.local.next(JSON.parse(message) as Envelope);
      } catch {
        this.logger.warn(`dropped a message on ${CHANNEL} that is not JSON`);
      }
    });
    // Resolves once subscribed; while Redis is down, ioredis subscribes when it reconnects.
    subscriber.subscribe(CHANNEL).catch((error: unknown) => this.warn(error));
  }

  /**
   * Sends `payload` (JSON-serialisable) to every subscriber of `topic`. Never throws: when Redis
   * does not take it, this instance's subscribers still get it and a warning is logged.
   */
  async publish(topic: string, payload: unknown): Promise<void> {
    const envelope: Envelope = { topic, payload };
    const client = this.redis.client;
    if (client) {
      try {
        await client.publish(CHANNEL, JSON.stringify(envelope));
        return; // comes back through the subscription, to this instance as well
      } catch (error) {
        this.warn(error);
      }
    }
    this.local.next(envelope);
  }

  /** The payloads published to `topic` from now on, as `T` (not validated: our own messages). */
  on<T>(topic: string): Observable<T> {
    return this.local.pipe(
      filter((envelope) => envelope.topic === topic),
      map((envelope) => envelope.payload as T),
    );
  }

  private warn(error: unknown): void {
    if (Date.now() - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = Date.now();
    this.logger.warn(
      `Redis did not take an event (${(error as Error).message}); other instances learn of it from the database`,
    );
  }
}
