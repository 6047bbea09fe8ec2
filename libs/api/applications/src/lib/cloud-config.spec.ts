import { parse } from 'yaml';
import { execFileSync } from 'node:child_process';
import { BUILT_IN_APPLICATIONS } from './applications';
import { renderCloudConfig } from './cloud-config';

const docker = BUILT_IN_APPLICATIONS.find((a) => a.id === 'docker')?.digitalocean?.cloudConfig;
const wordpress = BUILT_IN_APPLICATIONS.find((a) => a.id === 'wordpress')?.digitalocean
  ?.cloudConfig;

/** What POSIX sh reads `words` as: each word it sees, on its own line. */
const shellWords = (words: string) =>
  execFileSync('sh', ['-c', `printf '%s\\n' ${words}`], { encoding: 'utf8' });

describe('renderCloudConfig', () => {
  it('writes a #cloud-config document that keeps its structure, whatever a value holds', () => {
    const hostile = '2"] , "x\nruncmd: [reboot]';
    const text = renderCloudConfig(docker ?? null, { swap_gb: hostile, portainer: 'no' }, 'pw');
    expect(text.startsWith('#cloud-config\n')).toBe(true);
    const doc = parse(text);
    expect(Object.keys(doc).sort()).toEqual(['chpasswd', 'runcmd', 'ssh_pwauth']);
    expect(doc.runcmd).toHaveLength(3);
    expect(doc.chpasswd.users).toEqual([{ name: 'root', password: 'pw', type: 'text' }]);
  });

  it('quotes values for the shell in runcmd string commands', () => {
    const swap = '4 /x; touch /tmp/p; echo';
    const portainer = "$(reboot) `id` 'x' \\";
    const [, fallocate, runPortainer] = parse(
      renderCloudConfig(docker ?? null, { swap_gb: swap, portainer }, 'pw'),
    ).runcmd as string[];
    // The shell reads each value back as one word, exactly as it was given.
    const size = /^fallocate -l (.*)G \/swapfile &&/.exec(fallocate ?? '')?.[1] ?? '';
    expect(shellWords(size)).toBe(`${swap}\n`);
    const test = /^if \[ (.*) = yes \]/.exec(runPortainer ?? '')?.[1] ?? '';
    expect(shellWords(test)).toBe(`${portainer}\n`);
    // A tame value stays readable.
    const tame = parse(renderCloudConfig(docker ?? null, { swap_gb: '2', portainer: 'no' }, 'pw'));
    expect(tame.runcmd[1]).toContain('fallocate -l 2G /swapfile');
  });

  it('quotes where asked with |shell, and keeps exec-form arguments as they are', () => {
    const template = {
      write_files: [{ path: '/etc/app.env', content: 'TITLE={{title|shell}}\nRAW={{title}}' }],
      runcmd: [
        ['touch', '/srv/{{title}}'],
        ['sh', '-c', 'echo {{title}} > /srv/title'],
      ],
    };
    const doc = parse(renderCloudConfig(template, { title: "it's mine" }, 'pw'));
    const [titleLine, rawLine] = (doc.write_files[0].content as string).split('\n');
    expect(shellWords(titleLine?.replace('TITLE=', '') ?? '')).toBe("it's mine\n");
    expect(rawLine).toBe("RAW=it's mine");
    expect(doc.runcmd[0]).toEqual(['touch', "/srv/it's mine"]);
    const script = doc.runcmd[1][2] as string;
    expect(shellWords(script.replace(/^echo (.*) > \/srv\/title$/, '$1'))).toBe("it's mine\n");
  });

  it('keeps the root password its own, even against a template that sets one', () => {
    const doc = parse(renderCloudConfig({ ssh_pwauth: false, chpasswd: { users: [] } }, {}, 'pw'));
    expect(doc.ssh_pwauth).toBe(true);
    expect(doc.chpasswd.users[0].password).toBe('pw');
    expect(wordpress).toBeDefined();
  });
});
