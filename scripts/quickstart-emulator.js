// The quickstart program (examples/quickstart) pointed at the emulator: the stack config it
// needs and the out-of-band edits that make drift. Shared by the demo and the GitOps drift
// check, which run the same program.
'use strict';

const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..');
const REGION = 'cn-hangzhou';

/**
 * Stack config entries `[key, value, kind]` (kind: 'secret' for `--secret`, 'path' for
 * `--path`) for the quickstart against the emulator: its default credentials and
 * directory entries (alice, bob, carol, dave; robot dingrobotops).
 */
function quickstartStackConfig(emulatorUrl, { namePrefix, botClientSecret, webhookToken }) {
  return [
    ['alicloud:accessKey', 'test'],
    ['alicloud:secretKey', 'test', 'secret'],
    ['alicloud:region', REGION],
    ['dingtalk:clientId', 'test'],
    ['dingtalk:clientSecret', 'test', 'secret'],
    ['chatops:oosEndpoint', emulatorUrl],
    ['chatops:stsEndpoint', emulatorUrl],
    ['chatops:sasEndpoint', emulatorUrl],
    ['chatops:dingtalkApiEndpoint', emulatorUrl],
    ['chatops:dingtalkOapiEndpoint', emulatorUrl],
    ['namePrefix', namePrefix],
    ['botClientId', `ding${namePrefix}clientid`],
    ['botClientSecret', botClientSecret, 'secret'],
    ['botTemplateId', '381c5aee-f8af-48a4-94be-1f2b3c4d5e6f.schema'],
    ['robotCode', 'dingrobotops'],
    ['groupOwner', 'alice'],
    ['groupMembers[0]', 'alice', 'path'],
    ['groupMembers[1]', 'bob', 'path'],
    ['groupMembers[2]', 'carol', 'path'],
    ['groupMembers[3]', 'dave', 'path'],
    [
      'alertWebhookUrl',
      `https://oapi.dingtalk.com/robot/send?access_token=${webhookToken}`,
      'secret',
    ],
  ];
}

/** The `pulumi config set` flags of an entry of {@link quickstartStackConfig}. */
function configSetFlags(kind) {
  if (kind === 'secret') return ['--secret'];
  if (kind === 'path') return ['--path'];
  return [];
}

/**
 * Changes a person could make in a console, through the vendor APIs (the package's own
 * clients, built from dist/): bob leaves the on-call group and the Security Center
 * notification is disabled. Both must show up as drift.
 */
async function editOutOfBand(emulatorUrl, outputs, log = console.log) {
  const { createClients } = require(path.join(repoRoot, 'dist', 'provider', 'clients'));
  const clients = createClients(() => ({
    accessKeyId: 'test',
    accessKeySecret: 'test',
    region: REGION,
    oosEndpoint: emulatorUrl,
    stsEndpoint: emulatorUrl,
    sasEndpoint: emulatorUrl,
    dingtalkClientId: 'test',
    dingtalkClientSecret: 'test',
    dingtalkApiEndpoint: emulatorUrl,
    dingtalkOapiEndpoint: emulatorUrl,
  }));
  try {
    log(`removing bob from the on-call group ${outputs.oncallChatId}`);
    await clients.groupChats.updateChat({ chatId: outputs.oncallChatId, delUserIds: ['bob'] });
    log(`disabling the Security Center notification ${outputs.securityAlertsId}`);
    await clients.securityCenter.modifyDingTalkStatus(
      REGION,
      [Number(outputs.securityAlertsId)],
      false,
    );
  } finally {
    await clients.close();
  }
}

module.exports = { quickstartStackConfig, configSetFlags, editOutOfBand };
