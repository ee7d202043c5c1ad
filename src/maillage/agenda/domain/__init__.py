"""Pure rules of the agenda (no Django): vocabularies, Markdown, images, month grids, waiting lists."""
