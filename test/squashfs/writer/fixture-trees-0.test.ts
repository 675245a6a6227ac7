// The writer against mksquashfs on a third of the fixture trees (see fixture-tree-checks.ts).
import { checkFixtureTrees } from './fixture-tree-checks.js';

checkFixtureTrees(0);
