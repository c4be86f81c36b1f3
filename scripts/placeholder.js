// Stands in for a script whose feature has not landed yet, and says so.
const what = process.argv[2];
console.error(`npm run ${what}: not available yet in this version of the package.`);
process.exit(1);
