import { afterEach, describe, expect, it } from 'vitest';
import { runNatsScene } from '../../src/demo/nats_scene.ts';

describe('runNatsScene (npm start)', () => {
  const saved = process.env.NATS_SERVER_BIN;
  afterEach(() => {
    if (saved === undefined) delete process.env.NATS_SERVER_BIN;
    else process.env.NATS_SERVER_BIN = saved;
  });

  it('starts its own nats-server, shows the endpoints the prefix test misses, and stops the server', async () => {
    const lines: string[] = [];
    await runNatsScene((l) => lines.push(l));
    expect(lines[0]).toMatch(/^nats-server started on 127\.0\.0\.1:\d+$/);
    expect(lines).toContain('prefix test on "dynamo/my_component/my_endpoint": 0 endpoints → WARN No endpoints found matching dynamo/my_component/my_endpoint');
    expect(lines).toContain('framestream findDynamoEndpoints("dynamo/my_component/my_endpoint"): 3 instances');
    expect(lines.filter((l) => /^ {2}worker-\d+ /.test(l))).toHaveLength(3);
    expect(lines.at(-1)).toMatch(/^nats-server stopped \((exit 0|signal SIGINT)\)$/);
  });

  it('says clearly that nats-server is missing', async () => {
    process.env.NATS_SERVER_BIN = '/nonexistent/nats-server';
    const lines: string[] = [];
    await expect(runNatsScene((l) => lines.push(l))).rejects.toThrow(/nats-server is not installed/);
    expect(lines[0]).toBe('FAILED: nats-server is not installed, so the NATS scene cannot run.');
  });
});
