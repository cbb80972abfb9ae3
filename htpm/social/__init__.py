"""Sample social posts: counting per platform, hashtags, scheduling, and safe CSV files."""

from htpm.social.counting import count, graphemes, weighted_length
from htpm.social.csvfile import csv_bytes, neutralise
from htpm.social.hashtags import distinct_hashtags, find_hashtags
from htpm.social.limits import PlatformLimit, load_limits
from htpm.social.posts import LeftOut, PlatformPost, PostRef, SocialPlan, plan_posts
from htpm.social.schedule import assign_times
from htpm.social.urls import find_links

__all__ = [
    "LeftOut",
    "PlatformLimit",
    "PlatformPost",
    "PostRef",
    "SocialPlan",
    "assign_times",
    "count",
    "csv_bytes",
    "distinct_hashtags",
    "find_hashtags",
    "find_links",
    "graphemes",
    "load_limits",
    "neutralise",
    "plan_posts",
    "weighted_length",
]
