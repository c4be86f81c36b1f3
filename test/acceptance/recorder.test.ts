import { errorCodeOf, type RecordedCall } from './recorder';
import { shapeOf } from './shape';
import { pairCalls, partReport } from './report';

describe('the error answers the report keeps', () => {
  it('reads the remote code of each vendor error shape, and nothing of a success', () => {
    expect(errorCodeOf(404, '{"Code":"EntityNotExists.ChatConfiguration","RequestId":"r"}')).toBe(
      'EntityNotExists.ChatConfiguration',
    );
    expect(errorCodeOf(400, '{"code":"invalidRequest.robotNotExist","requestid":"r"}')).toBe(
      'invalidRequest.robotNotExist',
    );
    expect(errorCodeOf(200, '{"errcode":34013,"errmsg":"not found"}')).toBe('34013');
    expect(errorCodeOf(404, '{"RequestId":"r"}')).toBe('(no code)');
    expect(errorCodeOf(200, '{"errcode":0,"chatid":"c"}')).toBeUndefined();
    expect(errorCodeOf(200, '{"RequestId":"r"}')).toBeUndefined();
    expect(errorCodeOf(502, '<html>bad gateway</html>')).toBeUndefined();
  });

  it('lists each distinct error answer of the target once', () => {
    const call = (errorCode?: string): RecordedCall => ({
      operation: 'oos:GetChatConfiguration',
      request: { query: shapeOf({}), body: null },
      status: errorCode ? 404 : 200,
      response: null,
      ...(errorCode ? { errorCode } : {}),
    });
    const calls = pairCalls([call('A'), call(), call('A'), call('B')], []);
    expect(partReport('ChatConfiguration', 'passed', calls).errorAnswers).toEqual([
      { operation: 'oos:GetChatConfiguration', status: 404, code: 'A' },
      { operation: 'oos:GetChatConfiguration', status: 404, code: 'B' },
    ]);
  });
});
