"""Communities, their showcase pages and their sales toward the target."""

from communities.models.communities import (
    Community,
    CommunityPerson,
    ConsentMethod,
    ConsentRecord,
    ConsentScope,
)
from communities.models.pages import (
    CommunityIndexPage,
    CommunityPage,
    JourneyStage,
    ProductImage,
    ProductJourneyStep,
    ProductLesson,
    ProductPage,
)
from communities.models.sales import (
    SaleChannel,
    SaleRecord,
    SaleRecordChange,
    SalesCampaign,
)

__all__ = [
    "Community",
    "CommunityIndexPage",
    "CommunityPage",
    "CommunityPerson",
    "ConsentMethod",
    "ConsentRecord",
    "ConsentScope",
    "JourneyStage",
    "ProductImage",
    "ProductJourneyStep",
    "ProductLesson",
    "ProductPage",
    "SaleChannel",
    "SaleRecord",
    "SaleRecordChange",
    "SalesCampaign",
]
