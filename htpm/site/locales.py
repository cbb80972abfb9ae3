"""Which locales a campaign's sites come in: the config's `locale` first, then the keys of its
`translations:` (the layout of a multi-locale build: the first at the output's root, each other
under `<locale>/`). A translated campaign no longer carries `translations:`, so its list is read
from the config file it was loaded from."""

from __future__ import annotations

from htpm.campaign import Campaign
from htpm.errors import HtpmError
from htpm.model import CampaignConfig
from htpm.yamlsafe import read_yaml, unwrap


def site_locales(campaign: Campaign) -> list[str]:
    cfg = campaign.config
    if cfg.translations:
        return [campaign.locale, *[k for k in cfg.translations if k != campaign.locale]]
    try:
        raw = unwrap(read_yaml(campaign.path))
    except HtpmError:
        return [campaign.locale]
    if not isinstance(raw, dict) or not isinstance(raw.get("translations"), dict):
        return [campaign.locale]
    keys = [str(k) for k in raw["translations"]]
    if campaign.locale not in keys:
        return [campaign.locale]
    primary = str(raw.get("locale") or CampaignConfig.model_fields["locale"].default)
    return [primary, *[k for k in keys if k != primary]]
