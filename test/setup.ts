// Tests import core modules directly; register the config.yaml parser as the package entry does.
import '../src/core/conf/standard.js';
