import * as os from 'node:os';
import * as path from 'node:path';

/**
 * A path as users write it in stack config and variables: `~` and `~/...` stand for the home
 * directory of the user running the provider, as Terraform's and `@pulumi/alicloud`'s
 * `shared_credentials_file` and the vendor's credential chains read them
 * (`~/.aliyun/config.json` is how their documentation writes it). Other paths are left as
 * they are; `~user` forms are not expanded.
 */
export function expandHome(file: string, home: () => string = os.homedir): string {
  if (file === '~') return home();
  if (file.startsWith('~/') || file.startsWith(`~${path.sep}`)) {
    return path.join(home(), file.slice(2));
  }
  return file;
}
