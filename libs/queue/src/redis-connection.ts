import IORedis, { RedisOptions } from 'ioredis';

/**
 * BullMQ needs `maxRetriesPerRequest: null` on worker connections. Producers give up after one
 * reconnection attempt instead: the outbox relay re-queues whatever an enqueue could not add.
 */
export function createRedisConnection(url: string, role: 'producer' | 'worker', name: string): IORedis {
  const options: RedisOptions = {
    connectionName: name,
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    commandTimeout: role === 'producer' ? 5_000 : undefined,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  };
  const connection = new IORedis(url, options);
  // Reconnection is automatic; an unhandled 'error' event would crash the process.
  connection.on('error', () => undefined);
  return connection;
}
