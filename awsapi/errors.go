package awsapi

import (
	"encoding/xml"
	"net/http"

	"github.com/ec2sim/ec2sim/model"
)

// Error codes of the protocol layer, spelt as EC2 answers them ("Error
// codes for the Amazon EC2 API",
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html).
// The model's own codes are in model/errors.go.
const (
	DryRunOperation                        = model.DryRunOperation
	MissingAction               model.Code = "MissingAction"
	InvalidAction               model.Code = "InvalidAction"
	NotImplemented              model.Code = "NotImplemented"
	UnknownParameter            model.Code = "UnknownParameter"
	MalformedQueryString        model.Code = "MalformedQueryString"
	IdempotentParameterMismatch model.Code = "IdempotentParameterMismatch"
	InternalError               model.Code = "InternalError"
	// RequestEntityTooLarge is ec2sim's own: EC2 documents no code for a
	// body over the server's limit (maxBody).
	RequestEntityTooLarge model.Code = "RequestEntityTooLarge"
)

// httpStatus is the HTTP status EC2 answers a code with: 400 for client
// errors, except the few the errors page and the clients' retry rules set
// apart (a DryRun that would have succeeded is 412 Precondition Failed;
// InsufficientInstanceCapacity is a 500 that clients retry).
func httpStatus(code model.Code) int {
	switch code {
	case DryRunOperation:
		return http.StatusPreconditionFailed
	case model.InsufficientInstanceCapacity, InternalError:
		return http.StatusInternalServerError
	case NotImplemented:
		return http.StatusNotImplemented
	case RequestEntityTooLarge:
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusBadRequest
}

// errorResponse is EC2's error envelope; note RequestID, capitalised unlike
// a success body's requestId.
type errorResponse struct {
	XMLName   xml.Name   `xml:"Response"`
	Errors    []xmlError `xml:"Errors>Error"`
	RequestID string     `xml:"RequestID"`
}

type xmlError struct {
	Code    string `xml:"Code"`
	Message string `xml:"Message"`
}

func writeError(w http.ResponseWriter, e *model.Error, requestID string) {
	writeXML(w, httpStatus(e.Code), errorResponse{
		Errors:    []xmlError{{Code: string(e.Code), Message: e.Message}},
		RequestID: requestID,
	})
}

func writeXML(w http.ResponseWriter, status int, v any) {
	body, err := xml.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		body, _ = xml.Marshal(errorResponse{Errors: []xmlError{{Code: string(InternalError), Message: err.Error()}}})
	}
	w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
	w.WriteHeader(status)
	w.Write([]byte(xml.Header))
	w.Write(body)
}
