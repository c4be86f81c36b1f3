import * as path from 'node:path';
import { expandHome } from '../../../provider/credentials/home-path';

describe('paths as users write them', () => {
  const home = () => '/home/ops';

  it('expands ~ and ~/ to the home directory, as Terraform and the vendor chains do', () => {
    expect(expandHome('~', home)).toBe('/home/ops');
    expect(expandHome('~/.aliyun/config.json', home)).toBe(
      path.join('/home/ops', '.aliyun', 'config.json'),
    );
  });

  it('leaves other paths alone, ~user forms and ~ inside a path included', () => {
    expect(expandHome('/etc/aliyun.json', home)).toBe('/etc/aliyun.json');
    expect(expandHome('relative/~/x', home)).toBe('relative/~/x');
    expect(expandHome('~ops/config.json', home)).toBe('~ops/config.json');
  });
});
