// A casebook's folder and its configuration file, below every stage that needs them (the CLI, the site).
export {
  type Casebook,
  type CasebookConfig,
  CONFIG_FILE,
  ConfigError,
  casebookDir,
  DEFAULT_CONFIG,
  type DraftsChoice,
  loadCasebook,
  parseConfig,
} from './casebook-config.ts';
