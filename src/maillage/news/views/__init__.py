"""Views of the watch: public list, item, RSS; the animators' watch of partner feeds."""
