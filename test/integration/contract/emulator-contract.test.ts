import { request } from 'undici';
import { allOperations, loadContract } from './fixture';
import { startClientSession, type ClientSession } from './client-session';
import { exerciseAll } from './scenarios';
import { answerOf, checkAnswer, isSuccess, operationOfExchange } from './wire';

/**
 * The emulator against the contract (contract/*.json): every success answer it gives, over
 * the same scenarios the clients run (both chat types, OOS and Security Center paging,
 * create and update, plugins, groups, both token endpoints), must hold only fields of the
 * vendor's model, of its type, with the fields every answer carries.
 */

const families = loadContract();
let session: ClientSession;

interface Checked {
  op: string;
  body: Record<string, unknown>;
  problems: string[];
}
const checked: Checked[] = [];
const scenarioFailures: string[] = [];

beforeAll(async () => {
  session = await startClientSession();
  scenarioFailures.push(...(await exerciseAll(session.clients, session.pagingClients)));
  // The old API's token endpoint: no client calls it, the emulator serves it.
  const res = await request(`${session.emu.url}/gettoken?appkey=test&appsecret=test`, {
    dispatcher: session.recording.dispatcher,
  });
  await res.body.text();
  for (const exchange of session.recording.exchanges) {
    const op = operationOfExchange(families, exchange);
    const body = answerOf(exchange);
    if (!op || !body || !isSuccess(exchange)) continue;
    checked.push({ op: op.id, body, problems: checkAnswer(op, body) });
  }
});

afterAll(() => session?.stop());

describe('the emulator against the published models', () => {
  it('serves every scenario without an error', () => {
    expect(scenarioFailures).toEqual([]);
  });

  it('answers every operation of the contract successfully in these scenarios', () => {
    const answered = new Set(checked.map((c) => c.op));
    expect(
      allOperations(families)
        .filter((op) => !answered.has(op.id))
        .map((op) => op.id),
    ).toEqual([]);
  });

  it('covers both chat types and both kinds of paging', () => {
    const types = checked
      .filter((c) => c.op === 'oos-2019-06-01 GetChatConfiguration')
      .map((c) => (c.body.ChatConfiguration as Record<string, unknown>).Type);
    expect(new Set(types)).toEqual(new Set(['DingTalk', 'WeChat']));
    const lists = checked.filter((c) => c.op === 'oos-2019-06-01 ListChatConfigurations');
    expect(lists.some((c) => 'NextToken' in c.body)).toBe(true);
    expect(lists.some((c) => !('NextToken' in c.body))).toBe(true);
    const pages = checked
      .filter((c) => c.op === 'sas-2018-12-03 DescribeDingTalk')
      .map((c) => (c.body.PageInfo as Record<string, unknown>).CurrentPage);
    expect(pages).toEqual(expect.arrayContaining([1, 2]));
  });

  it('gives only fields of the model, of its type, with every required field', () => {
    expect(checked.flatMap((c) => c.problems)).toEqual([]);
  });

  it('would be caught answering a renamed field', () => {
    const describe = checked.find(
      (c) =>
        c.op === 'sas-2018-12-03 DescribeDingTalk' && (c.body.ActionList as unknown[]).length > 0,
    )!;
    const item = (describe.body.ActionList as Record<string, unknown>[])[0];
    const { ActionName, ...rest } = item;
    const renamed = { ...describe.body, ActionList: [{ ...rest, ActionNam: ActionName }] };
    const op = allOperations(families).find((o) => o.id === describe.op)!;
    expect(checkAnswer(op, renamed)).toEqual([
      'sas-2018-12-03 DescribeDingTalk answer ActionList[].ActionNam: not in the contract',
      'sas-2018-12-03 DescribeDingTalk answer ActionList[].ActionName: required but absent',
    ]);
  });
});
