import { request } from 'undici';
import { watchConnections } from '../support/no-network';
import { assertAllowedOrigin, assertLoopbackSettings, RealEndpointRefused } from './loopback-guard';
import { CallRecorder } from './recorder';
import { openSession } from './session';
import { realSettings } from './targets';

// Without the opt-in nothing may leave the machine: not the vendors' hosts, not the ECS
// metadata address that credential chains probe.
const REAL = [
  'https://oos.cn-hangzhou.aliyuncs.com',
  'https://tds.cn-shanghai.aliyuncs.com',
  'https://api.dingtalk.com',
  'https://oapi.dingtalk.com',
  'http://100.100.100.200',
];

describe('the acceptance suite refuses real endpoints unless opted in', () => {
  test.each(REAL)('%s is refused without the opt-in and allowed with it', (url) => {
    expect(() => assertAllowedOrigin(url, false)).toThrow(RealEndpointRefused);
    expect(() => assertAllowedOrigin(url, true)).not.toThrow();
  });

  test('loopback endpoints are allowed', () => {
    expect(() => assertAllowedOrigin('http://127.0.0.1:8080', false)).not.toThrow();
    expect(() => assertAllowedOrigin('http://localhost:1', false)).not.toThrow();
  });

  test('an unset endpoint (the real default) is refused', () => {
    expect(() => assertLoopbackSettings({ oosEndpoint: 'http://127.0.0.1:1' }, false)).toThrow(
      /sasEndpoint/,
    );
  });

  test('a session over the real defaults cannot even be opened', () => {
    expect(() => openSession(realSettings({}), false)).toThrow(RealEndpointRefused);
  });

  test('the recording dispatcher refuses a real origin before dialling', async () => {
    const connections = watchConnections();
    const recorder = new CallRecorder(false);
    try {
      await expect(
        request('https://oos.cn-hangzhou.aliyuncs.com/', { dispatcher: recorder.dispatcher }),
      ).rejects.toThrow(RealEndpointRefused);
      expect(connections.count()).toBe(0);
      expect(recorder.calls).toEqual([]);
    } finally {
      connections.restore();
      await recorder.close();
    }
  });
});
