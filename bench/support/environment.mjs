// The machine and versions a benchmark ran with, printed above its tables.
/* global console */
import os from 'node:os';
import process from 'node:process';
import { packageVersion } from './dist.mjs';

export function printEnvironment() {
  const memoryGiB = (os.totalmem() / 1024 ** 3).toFixed(1);
  console.log(
    `Machine: ${os.availableParallelism()} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), ` +
      `${memoryGiB} GiB memory, ${process.platform} ${os.release()}; Node ${process.version}; ` +
      `pulumi-dingtalk-chatops ${packageVersion()} (emulator included); ` +
      `@pulumi/pulumi ${packageVersion('@pulumi/pulumi')}.\n`,
  );
}
