/**
 * Every refusal the API gives has a stable code and parameters; this is the catalog of codes with
 * their English wording. The API sends the English text as `message` (scripts and logs read it)
 * and the code with its parameters as `data.appCode` / `data.params`; the web app words the code
 * in the reader's language. `{name}` is a parameter; a code's parameters are the names in its
 * English text, so `appError('invoice.alreadyPaid', {})` (a missing `number`) or a misspelt code
 * is a type error.
 */
export const ERROR_MESSAGES = {
  // Fields (zod's own checks and the schemas' rules)
  'field.required': 'is required',
  'field.tooLong': 'must be at most {max} characters',
  'field.tooLarge': 'must be at most {max}',
  'field.tooSmall': 'must be at least {min}',
  'field.oneOf': 'must be one of: {values}',
  'field.mustBeText': 'must be text',
  'field.mustBeNumber': 'must be a number',
  'field.mustBeWholeNumber': 'must be a whole number',
  'field.mustBeBoolean': 'must be true or false',
  'field.mustBeList': 'must be a list',
  'field.mustBeObject': 'must be an object',
  'field.mustBeDate': 'must be a date',
  'field.invalidEmail': 'must be a valid email address',
  'field.invalidId': 'must be a valid id',
  'field.dateFormat': 'must be a date (YYYY-MM-DD)',
  'field.dateTimeFormat': 'must be a date and time (ISO 8601)',
  'field.codeCharacters': 'may only contain letters, digits, - and _',
  'field.passwordTooShort': 'must be at least 10 characters',
  'field.passwordTooCommon': 'is too common',
  'field.passwordTooCommonAt': '{field}: is too common',
  'field.vatId': 'must be a VAT ID such as DE123456789',
  'field.iban': 'must be an IBAN',
  'field.countryCode': 'must be a two-letter country code such as DE',
  'field.logoTooLarge': 'logo must be at most 500 KB',
  'field.logoFormat': 'must be a PNG, JPEG or SVG image',
  'field.permissionPattern': 'is not a valid permission (e.g. crm.read, crm.*, *)',
  'field.numberPatternLength': 'must be 1 to 60 characters',
  'field.numberPatternChars': 'may only contain letters, digits and - _ / .',
  'field.notBeforeStartDate': 'must not be before the start date',
  'field.notNegative': 'must not be negative',
  'field.amountTwoPlaces': 'must be an amount with at most two decimal places',
  'field.amountFourPlaces': 'must be an amount with at most four decimal places',
  'field.numberFourPlaces': 'must be a number with at most four decimal places',
  'field.wholeMinutes': 'must be a whole number of minutes',
  'field.atLeastOneMinute': 'must be at least 1 minute',
  'field.atMost24Hours': 'must be at most 24 hours (1440 minutes)',
  'field.startEndOrDuration': 'give either start and end, or a date and a duration, not both',
  'field.requiredOrDuration': 'is required (or give a date and a duration)',
  'field.notBeforeRangeStart': 'must not be before the start of the range',
  'field.selectEntry': 'select at least one entry',
  'field.roundingMinutes': 'must be 0, 5, 15 or 30 minutes',
  'field.afterStart': 'must be after the start',
  'field.timeOfDay': 'must be a time of day such as 08:00',
  'field.greaterThanZero': 'must be greater than zero',
  'field.taxRate': 'must be 19, 7 or 0 %',
  'field.wholeDays': 'must be a whole number of days',
  'field.atMost365Days': 'must be at most 365 days',
  'field.notBeforePeriodStart': 'must not be before the start of the period',
  'field.bothPeriodEnds': 'give both ends of the service period',
  'field.atMost500Lines': 'at most 500 lines',
  'field.selectDocument': 'select at least one document',
  'field.atMost500AtOnce': 'at most 500 at once',
  'field.notZero': 'must not be zero',
  'field.notALine': 'is not a line of this document',
  'field.appearsTwice': 'appears twice',
  'field.templatePath': 'must be an absolute path to a .hbs file',
  'field.bothRecordAndId': 'give both the kind of record and its id',
  'field.cannotBeLinked': 'cannot be linked',
  'field.tooLargeFile': 'is too large',
  'field.versionNumber': 'must be a version number (1, 2, …)',
  'field.notInColumns': 'does not fit in the 12 columns',
  'field.atMost30Widgets': 'at most 30 widgets',
  'field.mentionsUnknown': 'mentions someone who does not exist',
  'field.attachmentUnknown': 'attaches a document that does not exist or that you cannot see',
  // Records in general
  'record.notFound': '{what} {id} was not found',
  'record.staleVersion': 'Someone else saved this {what} in the meantime. Reload it and apply your change again.',
  'record.stillReferenced': 'This record is still referenced by other records',
  'record.conflictsWithData': 'The change conflicts with existing data',
  'record.noSuchId': 'No {entity} has this id',
  'record.noSuchIdToLink': 'There is no {entity} with this id',
  'record.sayWhichKind': 'Say which kind of record entityId refers to',
  'record.sayWhichToLink': 'Say which {entity} to link to',
  // Sign-in, permissions, requests
  'auth.signInRequired': 'Please sign in',
  'auth.permissionMissing': 'You lack the permission "{permission}"',
  'auth.wrongCredentials': 'Email or password is wrong, or the account is disabled',
  'auth.accountDisabled': 'The account is disabled',
  'auth.currentPasswordWrong': 'The current password is wrong',
  'auth.passwordUnchanged': 'The new password must differ from the current one',
  'auth.tokenNeedsPassword': 'Enter your password to create a token that never expires',
  'auth.passwordWrong': 'The password is wrong',
  'request.invalidInput': 'Invalid input: {details}',
  'request.batchTooLarge': 'A batch may have at most {max} calls; send the rest in another request',
  'request.tooLarge': 'The request is too large: at most {mb} MB',
  'server.error': 'Something went wrong on the server. The error was logged.',
  'server.unavailable': 'The database or Redis is not reachable right now. Try again in a moment.',
  'request.foreignOrigin': 'Requests from other sites are not allowed',
  'request.clientHeaderMissing': 'Mutations need the x-workmate-client header (or a bearer token)',
  // Unique and check constraints of the database
  'customer.numberTaken': 'This customer number is already taken',
  'employee.emailTaken': 'Another employee already uses this email address',
  'employee.codeTaken': 'Another employee already has this employee code',
  'employee.terminationBeforeHire': 'The termination date must not be before the hire date',
  'department.codeTaken': 'Another department already has this code',
  'role.nameTaken': 'A role with this name already exists',
  'contact.secondPrimary': 'This customer already has a primary contact',
  'project.numberTaken': 'This project number is already taken',
  'project.endBeforeStart': 'The end date must not be before the start date',
  'time.overlapsAnother': 'This time overlaps another entry of the same employee',
  'time.timerAlreadyRunning': 'A timer is already running; stop it before starting a new one',
  // Core
  'employee.unknown': 'Unknown employee',
  'department.unknown': 'Unknown department',
  'role.unknown': 'Unknown role',
  'supervisor.unknown': 'Unknown supervisor',
  'employee.cannotDisableSelf': 'You cannot disable your own account',
  'employee.cannotDeleteSelf': 'You cannot delete your own account',
  'employee.reportsToSelf': 'An employee cannot report to themselves',
  'department.managerNotEmployee': 'The manager is not an employee',
  'department.hasMembers': '{count} employee(s) still belong to this department',
  'role.builtIn': 'The built-in roles cannot be deleted',
  'role.hasHolders': '{count} employee(s) still have this role',
  'settings.noSuchFile': 'There is no such file on the server',
  'settings.staleVersion': 'Someone else saved the settings in the meantime. Reload and apply your change again.',
  // CRM and projects
  'contact.notOfCustomer': 'The contact does not belong to this customer',
  'project.unknown': 'Unknown project',
  // Time tracking
  'time.entryInvoicedLocked': 'This entry has been invoiced and is locked for everyone',
  'time.entryInLockedPeriod': 'This entry lies in a locked period and cannot be changed',
  'time.entryApprovedLocked': 'This entry has been approved and is locked; ask an approver to unapprove it first',
  'time.onlyOwnEntries': 'You may only change your own time entries',
  'time.periodLocked': 'Time up to {locked} is locked; entries dated {date} cannot be created, changed or deleted',
  'time.entryTooLong': 'An entry may be at most 24 hours long',
  'time.entryEndsInFuture': 'Time entries cannot end in the future',
  'time.entryInFuture': 'Time entries cannot be in the future',
  'time.overlap': 'This time overlaps another entry ({other})',
  'time.onlyOwnTime': 'You may only record your own time',
  'time.moreThanElapsed': 'Only {elapsed} hours of {day} have passed so far; enter at most that much for today',
  'time.noFreeGap': 'There is no free gap of {minutes} minutes left on {day}; enter start and end instead',
  'time.rateNeedsPermission': 'Setting an hourly rate needs the permission "timeTracking.rates"',
  'time.stopRunningTimer': 'A running timer is stopped with stop, not by editing its end',
  'time.timerRunningOnProject': 'A timer is already running since {since} on {project} (entry {id}). Stop it before starting a new one.',
  'time.timerRunningInternal': 'A timer is already running since {since} (internal time) (entry {id}). Stop it before starting a new one.',
  'time.noTimer': 'No timer is running',
  'time.tooManyRows': 'More than {max} entries match; narrow the date range or filters',
  'time.mayNotApprove': 'You may not approve entry {id}: approving needs the permission "timeTracking.approve" or being the project\'s manager',
  'time.entryRunning': 'Entry {id} is still running',
  'time.entryInvoicedAndLocked': 'Entry {id} has been invoiced and is locked',
  // Invoices
  'invoice.customerNameMissing': "The customer's name is missing",
  'invoice.noLines': 'Add at least one line item',
  'invoice.companyNameMissing': 'Company settings: the company name is missing',
  'invoice.companyAddressMissing': 'Company settings: the full company address (street, postcode, city) is missing',
  'invoice.companyTaxIdMissing': 'Company settings: a tax number or VAT ID is required on invoices',
  'invoice.companyIbanMissing': 'Company settings: bank details (IBAN) are required on invoices',
  'invoice.customerAddressMissing': "The customer's full address (street, postcode, city) is missing",
  'invoice.reverseChargeNeedsVatId': "Reverse charge needs the customer's VAT ID",
  'invoice.serviceDateMissing': 'Give the date or the period of the service',
  'invoice.totalNotPositive': 'The invoice total must be greater than zero',
  // What a customer's e-invoice format requires at finalize (domain/einvoice-out.ts)
  'invoice.einvoice.sellerCountryCode': 'Company settings: the country code (e.g. DE) is required for e-invoices',
  'invoice.einvoice.sellerElectronicAddress': 'Company settings: an electronic address or email is required for e-invoices',
  'invoice.einvoice.sellerEmail': 'Company settings: a contact email is required for e-invoices',
  'invoice.einvoice.sellerPhone': 'Company settings: a contact phone number is required for e-invoices',
  'invoice.einvoice.buyerCountryCode': "The customer's country code (e.g. DE) is required for e-invoices",
  'invoice.einvoice.buyerElectronicAddress': "The customer's electronic address or email is required for e-invoices",
  'invoice.einvoice.leitwegId': 'A public customer needs its Leitweg-ID (buyer reference) for e-invoices',
  'invoice.einvoice.sellerVatId': 'Company settings: reverse charge e-invoices need your VAT ID',
  'invoice.einvoice.unitCode': 'This unit has no UN/ECE code for e-invoices; use e.g. Std., Stk., Tag, Monat, pauschal, km, kg or m',
  'invoice.einvoice.finalVatRounding': "Final invoice: at one rate the VAT left after the deposits (service VAT − deposits' VAT) is a cent off net × rate, which an e-invoice does not accept (EN 16931 BR-CO-17); change the service or a deposit by a cent",
  'invoice.einvoice.draft': 'A draft has no e-invoice; finalize it first',
  'invoice.einvoice.notArchived': 'No {format} e-invoice is archived for {number}: its data was incomplete when it was finalized',
  'invoice.einvoice.quote': 'Quotes have no e-invoice',
  'invoice.notFinalizable': 'This document cannot be finalized yet: {problems}',
  'invoice.alreadyFinalized': '{number} is already finalized',
  'invoice.cancelledNotSent': '{number} has been cancelled and cannot be sent',
  'invoice.paymentsOnlyOnInvoices': 'Payments are recorded on invoices, not on quotes or cancellation invoices',
  'invoice.finalizeBeforePayments': 'Finalize the invoice before recording payments',
  'invoice.cancelledNoPayments': '{number} has been cancelled; it takes no payments',
  'invoice.paymentInFuture': 'A payment date cannot be in the future',
  'invoice.paymentExceedsOutstanding': 'The payment of {amount} exceeds the outstanding amount of {outstanding} on {number}',
  'invoice.alreadyPaid': '{number} is already paid in full',
  'invoice.paidNeedsPermission': 'Marking an invoice paid records a payment and needs the permission "invoices.payments"',
  // A status change by hand that is refused ("RE-2026-0001: ..."; a draft's number is "Draft")
  'invoice.status.notForType': '{number}: A document of type {type} cannot have the status {status}',
  'invoice.status.draftFirst': '{number}: A draft must be finalized first',
  'invoice.status.cancelByCancellation': '{number}: Cancel an invoice with a cancellation invoice (cancel), not by setting its status',
  'invoice.status.neverDraftAgain': '{number}: A finalized document can never become a draft again; cancel it and correct a copy',
  'invoice.status.overdueAutomatic': '{number}: Overdue is set automatically after the due date',
  'invoice.status.partiallyPaidAutomatic': '{number}: Partially paid follows from recorded payments',
  'invoice.status.transition': '{number}: The status cannot change from {from} to {to}',
  'invoice.noUnbilledTime': 'There is no unbilled billable time on this project in that period',
  'invoice.noUnbilledTimeOrExpense': 'There is no unbilled billable time or expense on this project in that period',
  'invoice.noUnbilledTimeUpTo': 'There is no unbilled billable time on this project up to that day',
  'invoice.noUnbilledTimeOrExpenseUpTo': 'There is no unbilled billable time or expense on this project up to that day',
  'invoice.entryNotOnProject': 'Entry {id} is not time on this project',
  'invoice.entryNotBillable': 'Entry {id} is not billable',
  'invoice.entryAlreadyInvoiced': 'Entry {id} has already been invoiced',
  'invoice.entryNotApproved': 'Entry {id} has not been approved',
  'invoice.onlyInvoicesCancelled': 'Only invoices are cancelled; a quote is rejected or expires',
  'invoice.draftNotCancelled': 'A draft has nothing to cancel; delete it or change it',
  'invoice.alreadyCancelled': '{number} has already been cancelled',
  'invoice.hasPayments': '{number} has payments of {paid}; refund or remove them before cancelling',
  'invoice.finalizedNoChange': '{number} is finalized and cannot be {action}; cancel it and correct a copy instead',
  'invoice.finalizedNoDelete': '{number} is finalized and can never be deleted; cancel it with a cancellation invoice instead',
  'invoice.noSuchNumber': 'No document has the number {number}',
  'invoice.onlyQuotesConvert': 'Only quotes convert to invoices',
  'invoice.quoteNotAccepted': 'Only an accepted quote converts to an invoice; {number} is {status}',
  'invoice.quoteConverted': '{number} has already been converted into an invoice{invoice}',
  // Credit notes, deposit and final invoices
  'field.quoteOrProject': 'choose a quote or a project',
  'field.percentOrAmount': 'give either a percentage or a net amount',
  'field.percentNeedsQuote': 'a percentage needs a quote',
  'field.percentFormat': 'must be a percentage with at most two decimal places',
  'field.percentRange': 'must be more than 0 and at most 100',
  // Skonto
  'field.skontoPercentRange': 'must be above 0 and below 100 %',
  'field.atLeastOneDay': 'must be at least 1 day',
  'field.skontoDaysMissing': 'give the days for the Skonto',
  'field.skontoPercentMissing': 'give the percentage for the Skonto',
  'field.skontoOnlyInvoices': 'only invoices carry Skonto terms',
  'field.addOneLine': 'add at least one line',
  'creditNote.onlyInvoices': 'Only a finalized invoice can be corrected by a credit note',
  'creditNote.originalDraft': 'A draft has nothing to correct; change it instead',
  'creditNote.originalCancelled': '{number} has been cancelled; nothing remains to correct',
  'creditNote.beyondRemaining': 'The credit note takes back {requested} net at {rate} %, but only {remaining} of {number} remain at that rate',
  'creditNote.empty': 'A credit note must take back an amount',
  'creditNote.depositDeducted': '{number} is deducted in full by the final invoice {final}; correct the final invoice instead',
  'creditNote.notNegative': 'A credit note only takes back: its {rate} % lines must not add up to a charge',
  'invoice.hasCreditNotes': '{number} has credit notes; correct it further with a credit note instead of cancelling',
  'deposit.basisNotQuote': 'Deposits and final invoices bill against a quote; {number} is not one',
  'deposit.quoteDraft': 'Finalize the quote before billing against it',
  'deposit.quoteOfOtherProject': 'The quote belongs to another project',
  'deposit.projectWithoutCustomer': 'The project has no customer to bill',
  'deposit.beyondQuote': "The deposits would come to {total} net, more than the quote's {quote}",
  'deposit.deducted': '{number} is deducted by the final invoice {final}; it cannot be cancelled',
  'final.depositsBeyondService': "The deposits exceed the service at {rate} %: add the service's lines first",
  'final.depositCancelled': 'Deposit {number} has been cancelled and is not deducted',
  'final.depositTaken': 'Deposit {number} is already deducted by another final invoice',
  'final.depositAlreadyDeducted': 'A deposit is already deducted by another final invoice',
  'final.depositDraft': 'A deposit that is still a draft cannot be deducted; finalize it first',
  'final.notADeposit': 'That document is not a deposit invoice of this quote or project',
  'customer.unknown': 'Unknown customer',
  'projectManager.unknown': 'Unknown project manager',
  'invoice.projectOfOtherCustomer': 'The project belongs to another customer',
  // Expenses, documents, reminders, chat
  'invoice.unknown': 'Unknown invoice',
  'document.unknownReceipt': 'Unknown receipt document',
  'expense.othersNeedPermission': 'Recording someone else\'s expense needs the permission "finance.manage"',
  'expense.billedLocked': 'This expense has been billed on an invoice and cannot be {action}',
  'expense.onlyOwner': 'Only the person who spent it, or someone with "finance.manage", may {verb} an expense',
  'expense.reimbursedLocked': 'This expense has been reimbursed and cannot be {action}',
  'expense.alreadyReimbursed': 'This expense has already been reimbursed',
  'reminder.everyoneNeedsPermission': 'Everyone\'s reminders need the permission "reminders.manage"',
  'reminder.othersNeedPermission': 'A reminder for someone else needs the permission "reminders.manage"',
  'reminder.alreadyDone': 'This reminder is already done',
  'document.archivedNoVersion': 'An archived invoice PDF never gets a new version',
  'document.archivedNoChange': 'An archived invoice PDF cannot be changed',
  'document.archivedNoDelete': 'An archived invoice PDF can never be deleted',
  'document.onlyOwnerChanges': 'Only the owner (or someone with "documents.delete") may change this document',
  'document.onlyOwnerConfidential': 'Only the owner (or someone allowed to see confidential documents) may change this',
  'document.onlyOwnerDeletes': 'Only the owner (or someone with "documents.delete") may delete this document',
  'upload.fileEmpty': 'The file is empty',
  'upload.interrupted': 'The upload was interrupted',
  'upload.chooseFile': 'Choose a file to upload (field "file")',
  'upload.tooLarge': 'The file is larger than {mb} MB',
  'upload.typeNotAllowed': 'Only PDF, PNG, JPEG, Word (docx) and Excel (xlsx) files can be uploaded',
  'upload.typeNotAllowedNamed': 'Only PDF, PNG, JPEG, Word (docx) and Excel (xlsx) files can be uploaded, not {type}',
  'document.noSuchVersion': 'Document {id} has no version {version}',
  'chat.onlyManagerAddsMembers': "Only the project's manager or someone with projects.write adds chat members",
  'chat.onlyMembers': "Only the project's members may read and write its chat",
  'chat.onlyAuthorDeletes': 'Only its author or a moderator may delete a message',
  'chat.onlyAuthorEdits': 'Only its author may edit a message',
  'chat.messageDeleted': 'This message has been deleted',
  // Issue 19: the sign-in limit (429) and the upload endpoint's own refusals
  'auth.signInBlockedAccountIpSeconds': 'Too many failed sign-ins to this account from your address. Try again in {seconds} seconds.',
  'auth.signInBlockedAccountIpMinutes': 'Too many failed sign-ins to this account from your address. Try again in {minutes} minutes.',
  'auth.signInBlockedIpSeconds': 'Too many failed sign-ins from your address. Try again in {seconds} seconds.',
  'auth.signInBlockedIpMinutes': 'Too many failed sign-ins from your address. Try again in {minutes} minutes.',
  'auth.signInBlockedAccountSeconds': 'Too many failed sign-ins to this account. Try again in {seconds} seconds.',
  'auth.signInBlockedAccountMinutes': 'Too many failed sign-ins to this account. Try again in {minutes} minutes.',
  'request.uploadClientHeaderMissing': 'Uploads need the x-workmate-client header (or a bearer token)',
  'request.onlyGet': 'Only GET is allowed here',
  'request.onlyPost': 'Only POST is allowed here',
  'request.nothingHere': 'There is nothing here',
  'server.databaseUnavailable': 'The database is not reachable right now. Try again in a moment.',
  'upload.notMultipart': 'Send the upload as multipart/form-data with the file in the field "file"',
  'upload.oneFile': 'Send exactly one file, in the field "file"',
  'upload.tooManyParts': 'The form has too many fields or files',
  'upload.unreadable': 'The form could not be read: {reason}',
  'field.valueTooLong': 'is too long',
  // Sending invoices by email (issue 14)
  'invoice.emailNotConfigured': 'Sending by email is not set up on this installation (SMTP_URL is missing)',
  'invoice.draftNotEmailed': 'A draft cannot be sent by email; finalize it first',
  'field.atLeastOneAddress': 'give at least one email address',
  'field.atMost10Addresses': 'at most 10 email addresses',
  // E-invoices in (issue 14): received XRechnung / ZUGFeRD files and the inbox
  'einvoice.notXml': 'The file is not readable XML: {detail}',
  'einvoice.notPdf': 'The file is not a readable PDF: {detail}',
  'einvoice.unsupportedFile': 'Upload an XRechnung (UBL or CII XML) or a ZUGFeRD / Factur-X PDF',
  'einvoice.doctype': 'The XML contains a DOCTYPE or entity declaration, which e-invoices never have; it was not read',
  'einvoice.unknownRoot': 'The XML is not an e-invoice: its root element is {root}, not a UBL Invoice / CreditNote or a CII CrossIndustryInvoice',
  'einvoice.pdfWithoutInvoice': 'The PDF has no embedded e-invoice (factur-x.xml, zugferd-invoice.xml or xrechnung.xml)',
  'einvoice.xmlTooLarge': 'The e-invoice XML is larger than {mb} MB',
  'einvoice.missingField': 'The e-invoice lacks the {field}',
  'einvoice.badAmount': 'The e-invoice\'s {field} is not an amount with at most two decimal places: {value}',
  'einvoice.badDate': 'The e-invoice\'s {field} is not a date: {value}',
  'einvoice.currency': 'Only invoices in EUR can be received, not {currency}',
  'einvoice.rule': 'The e-invoice breaks rule {rule}: {detail}',
  'einvoice.duplicate': 'Invoice {number} of {supplier} has already been received',
  'supplierInvoice.notDraft': 'This invoice is already {status}',
  'supplierInvoice.creditNoteNotBookable': 'A credit note cannot be booked as expenses; reject it and record the credit by hand',
  'supplierInvoice.rateNotBookable': 'The VAT rate {rate} % cannot be booked as an expense (only 19, 7 or 0 %)',
  // Dunning (issue 15)
  'dunning.notProposed': 'This dunning notice is no longer a proposal (it was sent, discarded or withdrawn); only a proposal can be sent or discarded',
  'dunning.invoiceSettled': 'Invoice {number} is paid or cancelled; it is not dunned any more',
  'dunning.noBaseRate': 'No base rate is recorded for {day}; the interest cannot be computed',
  // Recurring invoices (issue 15)
  'field.sendNeedsFinalize': 'sending automatically needs finalizing automatically',
  'recurring.finalizeNeedsPermission': 'Finalizing or sending invoices automatically needs the permission "invoices.finalize"',
  // Bank statement import (issue 15): CAMT.053 / MT940 files, matching entries to invoices
  'bank.emptyFile': 'The bank statement file is empty',
  'bank.fileTooLarge': 'A bank statement file may be at most {kb} KB',
  'bank.notBase64': 'The file content is not valid base64',
  'bank.unknownFormat': 'The file is neither a CAMT.053 statement (XML) nor an MT940 statement',
  'bank.notXml': 'The bank statement is not readable XML: {detail}',
  'bank.doctype': 'The XML contains a DOCTYPE or entity declaration, which bank statements never have; it was not read',
  'bank.unknownXml': 'The XML is not a CAMT.053 bank statement (camt.053.001.02 or .08): its root element is {root}',
  'bank.missingField': 'The bank statement lacks {field}',
  'bank.badAmount': 'In the bank statement, {field} is not an amount with at most two decimal places: {value}',
  'bank.badDate': 'In the bank statement, {field} is not a date: {value}',
  'bank.currency': 'Only statements of EUR accounts can be imported, not {currency}',
  'bank.severalAccounts': 'The file holds statements of several accounts ({accounts}); import one account per file',
  'bank.entryDecided': 'This bank entry is already {status}',
  'bank.notCredit': 'Only incoming payments (credits) can be matched to an invoice',
  // Bookkeeping (issue 16): the journal, its periods and accounts
  'bookkeeping.accountRoleMissing': 'No account of chart {chart} has the role {role}; give the role to an account in the chart of accounts',
  'bookkeeping.personalAccountsExhausted': 'All personal account numbers from {from} to {to} are taken',
  'bookkeeping.unbalanced': 'The entry does not balance: debits and credits differ by {difference} cents',
  'bookkeeping.yearClosed': 'The fiscal year {year} is closed; nothing can be posted into it',
  'bookkeeping.periodLocked': 'The month {period} is locked (festgeschrieben); post into an open month',
  'bookkeeping.postingPeriodClosed': 'The month of this posting is locked (festgeschrieben) or its fiscal year is closed',
  'bookkeeping.journalImmutable': 'Posted journal entries cannot be changed or deleted; post a reversing entry',
  'bookkeeping.entryUnbalanced': 'The entry does not balance (debits and credits differ)',
  'bookkeeping.alreadyPosted': 'This business event is already posted',
  'bookkeeping.taxLineWithoutBase': 'A VAT line needs a net line with the same tax code in the entry',
  'bookkeeping.accountInactive': 'This account is inactive; choose an active account',
  'bookkeeping.alreadyReversed': 'This entry is a reversal or has been reversed already',
  'bookkeeping.automaticEntry': 'This entry was posted automatically; correct the invoice, payment or expense it comes from instead',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** The parameter names in an English text: "{number} is already paid" → "number". */
type ParamNames<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | ParamNames<Rest> : never;
export type ErrorParams<C extends ErrorCode> = Record<ParamNames<(typeof ERROR_MESSAGES)[C]>, string | number>;
/** The codes whose text has no parameters. */
export type PlainErrorCode = { [C in ErrorCode]: [ParamNames<(typeof ERROR_MESSAGES)[C]>] extends [never] ? C : never }[ErrorCode];

/** A code with its parameters, as the API sends it (per field, too). */
export interface ErrorIssue {
  code: ErrorCode;
  params: Record<string, string | number>;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_MESSAGES, value);
}

/** `{name}` replaced by its parameter; an unknown name stays as written. */
export function fillPlaceholders(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (all, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : all));
}

/** The names of the `{placeholders}` in a text, sorted. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))].sort();
}

/** The English sentence of a code. */
export function englishMessage<C extends ErrorCode>(code: C, params: ErrorParams<C>): string {
  return fillPlaceholders(ERROR_MESSAGES[code], params);
}

/** The English sentence of a code sent over the wire (parameters not checked by type). */
export function messageOf(issue: ErrorIssue): string {
  return fillPlaceholders(ERROR_MESSAGES[issue.code], issue.params);
}

const BY_TEXT = new Map<string, ErrorCode>(
  (Object.entries(ERROR_MESSAGES) as Array<[ErrorCode, string]>).filter(([, text]) => placeholdersOf(text).length === 0).map(([code, text]) => [text, code]),
);

/**
 * The code of a text without parameters (a schema's rule, a domain check that returns its English
 * text): looked up in the catalog above, so it can never drift from it. Undefined for other texts.
 */
export function codeOfText(text: string): ErrorIssue | undefined {
  const code = BY_TEXT.get(text);
  return code ? { code, params: {} } : undefined;
}
