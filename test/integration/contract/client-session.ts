import { startEmulator, type RunningEmulator } from '../../../emulator';
import { createClients, type Clients } from '../../../provider/clients';
import { RecordingDispatcher } from './recording-dispatcher';

/**
 * The clients as the provider builds them, pointed at emulators on 127.0.0.1 through one
 * recording dispatcher. Two emulators: one answering ListChatConfigurations in a single page
 * like the vendor's model, one paging it with a NextToken (its `oosListPaging` option).
 */
export interface ClientSession {
  emu: RunningEmulator;
  pagingEmu: RunningEmulator;
  recording: RecordingDispatcher;
  clients: Clients;
  pagingClients: Clients;
  stop(): Promise<void>;
}

function clientsFor(emu: RunningEmulator, recording: RecordingDispatcher): Clients {
  return createClients(
    () => ({
      accessKeyId: 'test',
      accessKeySecret: 'test',
      oosEndpoint: emu.url,
      stsEndpoint: emu.url,
      sasEndpoint: emu.url,
      dingtalkClientId: 'test',
      dingtalkClientSecret: 'test',
      dingtalkApiEndpoint: emu.url,
      dingtalkOapiEndpoint: emu.url,
      // The emulator answers at once; the default pacing only slows the run.
      alicloudRatePerSecond: 5000,
      dingtalkRatePerSecond: 5000,
      maxAttempts: 1,
    }),
    { dispatcher: recording.dispatcher },
  );
}

export async function startClientSession(): Promise<ClientSession> {
  const emu = await startEmulator();
  const pagingEmu = await startEmulator({ oosListPaging: true });
  const recording = new RecordingDispatcher();
  const clients = clientsFor(emu, recording);
  const pagingClients = clientsFor(pagingEmu, recording);
  return {
    emu,
    pagingEmu,
    recording,
    clients,
    pagingClients,
    async stop() {
      await clients.close();
      await pagingClients.close();
      await recording.close();
      await emu.stop();
      await pagingEmu.stop();
    },
  };
}
