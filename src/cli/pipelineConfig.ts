import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { mergeConfig, parseAssignment, PIPELINE_DEFAULTS, type PipelineName } from '../../pipelines/index.js';
import { ConfigError } from '../errors.js';

/**
 * A pipeline's raw config: its embedded defaults, then the file (`.json`, `.yaml`/`.yml`), then
 * each `--set KEY.PATH=VALUE` in order, merged depth first. Checked by the pipeline's own parser.
 * @throws ConfigError for an unreadable or malformed file or assignment.
 */
export async function pipelineConfig(name: PipelineName, file: string | undefined, assignments: readonly string[]): Promise<unknown> {
  let config: unknown = PIPELINE_DEFAULTS[name];
  if (file !== undefined) config = mergeConfig(config, await readConfigFile(file));
  for (const a of assignments) config = mergeConfig(config, parseAssignment(a));
  return config;
}

async function readConfigFile(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new ConfigError(`--config ${path}: cannot read (${e.code ?? e.message})`);
  });
  try {
    return /\.ya?ml$/i.test(path) ? parseYaml(text, { maxAliasCount: 100 }) : JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`--config ${path}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
}
