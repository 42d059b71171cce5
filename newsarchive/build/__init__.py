"""The build engine: inputs and record, full build and workers, snapshot, patching an
edit, output, search index."""
