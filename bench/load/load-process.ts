/**
 * The load generator, in its own process so it never competes with the measured server's event loop:
 * receives { scenario, input, connections, seconds } and answers autocannon's result.
 */
import autocannon from 'autocannon';
import { type ScenarioInput, scenarios } from './scenarios';

process.on('message', async (message: { scenario: string; input: ScenarioInput; connections: number; seconds: number }) => {
  const { requests } = scenarios[message.scenario](message.input);
  const result = await autocannon({
    url: message.input.url,
    connections: message.connections,
    duration: message.seconds,
    requests,
  });
  process.send!(result, () => process.exit(0));
});
