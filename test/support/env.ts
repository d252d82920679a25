// Runs before every test file: keep natural's dotenv quiet and never let a test reach the internet.
process.env.DOTENV_CONFIG_QUIET = 'true';
