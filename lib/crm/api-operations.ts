import type { Op } from "@/lib/api/openapi";
import { clientSchema, clientsPageSchema, clientsQuerySchema, createClientSchema, updateClientSchema } from "./clients";
import {
  companiesPageSchema,
  companiesQuerySchema,
  companyDetailSchema,
  createCompanySchema,
  updateCompanySchema,
} from "./companies";

// Seed 003's CRM service: clients (the inbox's contacts) and companies, in /api/openapi.json.
export const crmOperations: Op[] = [
  {
    method: "get",
    path: "/api/crm/clients",
    summary: "Clients, newest first (search, tag, company; keyset cursor)",
    tag: "crm",
    query: clientsQuerySchema,
    response: clientsPageSchema,
  },
  {
    method: "post",
    path: "/api/crm/clients",
    summary: "Add a client",
    tag: "crm",
    body: createClientSchema,
    response: clientSchema,
    status: 201,
  },
  {
    method: "get",
    path: "/api/crm/clients/{id}",
    summary: "A client with channels, company and deals",
    tag: "crm",
    response: clientSchema,
  },
  {
    method: "patch",
    path: "/api/crm/clients/{id}",
    summary: "Change a client",
    tag: "crm",
    body: updateClientSchema,
    response: clientSchema,
  },
  { method: "delete", path: "/api/crm/clients/{id}", summary: "Delete a client (managers)", tag: "crm", status: 204 },
  {
    method: "get",
    path: "/api/crm/companies",
    summary: "Companies, newest first (search; keyset cursor)",
    tag: "crm",
    query: companiesQuerySchema,
    response: companiesPageSchema,
  },
  {
    method: "post",
    path: "/api/crm/companies",
    summary: "Add a company",
    tag: "crm",
    body: createCompanySchema,
    response: companyDetailSchema,
    status: 201,
  },
  {
    method: "get",
    path: "/api/crm/companies/{id}",
    summary: "A company with its clients and deals",
    tag: "crm",
    response: companyDetailSchema,
  },
  {
    method: "patch",
    path: "/api/crm/companies/{id}",
    summary: "Change a company",
    tag: "crm",
    body: updateCompanySchema,
    response: companyDetailSchema,
  },
  {
    method: "delete",
    path: "/api/crm/companies/{id}",
    summary: "Delete a company (managers)",
    tag: "crm",
    status: 204,
  },
];
