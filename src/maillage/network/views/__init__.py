"""Pages of the network: the public directory and forms (public.py), the animator's inbox (animation.py)."""
