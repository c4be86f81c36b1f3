import { checkType, formatPath, specAt } from './conformance';
import { allOperations, loadContract, type ResolvedOperation } from './fixture';
import { ReadRecorder } from './read-recorder';
import type { Exchange } from './recording-dispatcher';
import { startClientSession, type ClientSession } from './client-session';
import { SAS_CONFIG, documentedAlternativeShapes, exerciseAll } from './scenarios';
import { checkAnswer, checkRequest, isSuccess, operationOfExchange } from './wire';

/**
 * The clients against the contract (contract/*.json): every parameter they send and every
 * response field they read must be in the vendor's published model, with that type. The
 * traffic is real (the clients talk to the emulator); the reads are observed on the parsed
 * answers, so a renamed field in a client fails here whatever the emulator answers.
 */

const families = loadContract();
/** Served by the emulator, not called by the clients (they use oauth2/accessToken). */
const NOT_CALLED_BY_CLIENTS = new Set(['dingtalk-tokens gettoken']);

let session: ClientSession;
const recorder = new ReadRecorder();

interface Observed {
  exchange: Exchange;
  op: ResolvedOperation | undefined;
}
const observed: Observed[] = [];
const scenarioFailures: string[] = [];

beforeAll(async () => {
  session = await startClientSession();
  session.recording.onAnswer = (exchange, delivered) =>
    recorder.expect(delivered, String(session.recording.exchanges.indexOf(exchange)));
  recorder.start();
  try {
    scenarioFailures.push(...(await exerciseAll(session.clients, session.pagingClients)));
  } finally {
    recorder.stop();
  }
  for (const exchange of session.recording.exchanges) {
    observed.push({ exchange, op: operationOfExchange(families, exchange) });
  }
});

afterAll(() => session?.stop());

describe('the clients against the published models', () => {
  it('run every scenario without an error', () => {
    expect(scenarioFailures).toEqual([]);
  });

  it('call only operations the contract describes', () => {
    const unknown = observed
      .filter((o) => o.op === undefined)
      .map((o) => `${o.exchange.method} ${new URL(o.exchange.path, 'http://x').pathname}`);
    expect(unknown).toEqual([]);
  });

  it('exercise every operation of the contract', () => {
    const called = new Set(observed.map((o) => o.op?.id));
    const missing = allOperations(families)
      .map((op) => op.id)
      .filter((id) => !called.has(id) && !NOT_CALLED_BY_CLIENTS.has(id));
    expect(missing).toEqual([]);
  });

  it('send only parameters of the model, of its type, where it travels', () => {
    const problems = observed.flatMap((o) => (o.op ? checkRequest(o.op, o.exchange) : []));
    expect([...new Set(problems)]).toEqual([]);
  });

  it('read only response fields of the model, and find them of its type', () => {
    expect(recorder.reads.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const read of recorder.reads) {
      const { op, exchange } = observed[Number(read.answer)];
      // Unknown operations are reported above; error answers are not the response model.
      if (!op || !isSuccess(exchange)) continue;
      const spec = specAt(op.contract.response.fields, read.path);
      if (!spec) {
        problems.push(`${op.id} reads ${formatPath(read.path)}: not in the contract`);
      } else if (read.value === undefined) {
        // A field every answer carries, missing where the client looked: a renamed answer.
        if (spec.required)
          problems.push(`${op.id} reads ${formatPath(read.path)}: required but absent`);
      } else {
        problems.push(
          ...checkType(spec, read.value, read.path, 'json').map((p) => `${op.id} reads ${p}`),
        );
      }
    }
    expect([...new Set(problems)]).toEqual([]);
  });

  it('read GroupIdList and valueList in both documented shapes', async () => {
    const sas = session.clients.securityCenter;
    await sas.createOrUpdateDingTalk('cn-hangzhou', {
      ruleActionName: 'contract-shapes',
      sendUrl: 'https://oapi.dingtalk.com/robot/send?access_token=contract-shapes-token',
      intervalTime: 0,
      language: 'zh',
      groupIds: ['123', '456'],
      config: SAS_CONFIG,
    });
    session.recording.rewrite = (exchange, body) =>
      exchange.headers['x-acs-action'] === 'DescribeDingTalk'
        ? documentedAlternativeShapes(body)
        : body;
    try {
      const [found] = await sas.findDingTalkByName('cn-hangzhou', 'contract-shapes');
      expect(found.groupIds).toEqual(['123', '456']);
      expect(found.config).toEqual([
        {
          type: SAS_CONFIG[0].type,
          items: [
            { key: 'item_level', values: ['all'] },
            { key: 'event_type', values: ['all'] },
          ],
        },
      ]);
      // The rewritten answer is one the contract allows.
      const exchange = session.recording.exchanges.at(-1)!;
      expect(exchange.deliveredBody).toContain('"GroupIdList":"123,456"');
      const op = operationOfExchange(families, exchange)!;
      expect(
        checkAnswer(op, JSON.parse(exchange.deliveredBody!) as Record<string, unknown>),
      ).toEqual([]);
    } finally {
      session.recording.rewrite = undefined;
    }
  });
});
