from .balances import UnitBalance, UnitMonth
from .companies import Company, Contact, validate_vat_number
from .contracts import Contract, ContractState, SoftwareProduct
from .invitations import Invitation
from .packages import CompanyPackage, LedgerEntry, PackagePolicy, PackageProduct, PackageReminder

__all__ = ["Company", "Contact", "Contract", "ContractState", "SoftwareProduct", "Invitation", "validate_vat_number",
           "CompanyPackage", "LedgerEntry", "PackagePolicy", "PackageProduct", "PackageReminder", "UnitBalance",
           "UnitMonth"]
