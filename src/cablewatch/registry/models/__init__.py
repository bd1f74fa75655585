from cablewatch.registry.models.certificates import Certificate, CertificateStatusChange
from cablewatch.registry.models.enterprises import Enterprise, EnterpriseName
from cablewatch.registry.models.products import Product

__all__ = ["Certificate", "CertificateStatusChange", "Enterprise", "EnterpriseName", "Product"]
